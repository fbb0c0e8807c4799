/**
 * @module Loads one of the browser app's plain-JS modules in Node for its unit test. The path is
 * built at run time, so the compiler (which does not read the app's .js files) types it as the
 * shape the test declares.
 */
export async function load<T>(relative: string): Promise<T> {
  const url = new URL(`../../../../../../daemon/http/public/js/${relative}`, import.meta.url);
  return (await import(url.href)) as T;
}
