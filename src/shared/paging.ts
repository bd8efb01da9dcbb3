/** A page of results and the request for one: shared by storage (src/db) and the domain. */
export interface PageRequest {
  page: number;
  pageSize: number;
}
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
}
export function page<T>(items: T[], total: number, req: PageRequest): Page<T> {
  return { items, total, page: req.page, pageSize: req.pageSize, pages: Math.max(1, Math.ceil(total / req.pageSize)) };
}
