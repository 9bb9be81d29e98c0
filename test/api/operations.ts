/** Every operation of an OpenAPI document, named as `GET /path`. */
export function operationsOf(document: { paths: Record<string, Record<string, any>> }) {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      name: `${method.toUpperCase()} ${path}`,
      path,
      method,
      operation,
    })),
  );
}
