/** A browser-like client over real HTTP: keeps the cookies, reads the CSRF token from the page's form. */
export function client(base: string, ip?: string) {
  let cookies = '';
  const headers = () => ({ cookie: cookies, ...(ip ? { 'x-forwarded-for': ip } : {}) });
  const keep = (response: Response) => {
    const set = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
    if (set.length > 0)
      cookies = [
        ...new Map([...cookies.split('; ').filter(Boolean), ...set].map((c) => [c.split('=')[0], c])).values(),
      ].join('; ');
  };
  return {
    async get(path: string) {
      const response = await fetch(base + path, { headers: headers(), redirect: 'manual' });
      keep(response);
      return { status: response.status, body: await response.text(), location: response.headers.get('location') };
    },
    async post(path: string, form: Record<string, string>) {
      const response = await fetch(base + path, {
        method: 'POST',
        redirect: 'manual',
        headers: { ...headers(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      });
      keep(response);
      return { status: response.status, body: await response.text(), location: response.headers.get('location') };
    },
    /** A form body as given, byte for byte (what a browser would never send). */
    async postRaw(path: string, body: string | Buffer) {
      const response = await fetch(base + path, {
        method: 'POST',
        redirect: 'manual',
        headers: { ...headers(), 'content-type': 'application/x-www-form-urlencoded' },
        body: typeof body === 'string' ? body : new Uint8Array(body),
      });
      keep(response);
      return { status: response.status, body: await response.text(), location: response.headers.get('location') };
    },
  };
}
export type FormClient = ReturnType<typeof client>;

export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token on the page');
  return match[1];
}

export const SITUATION = 'kind=verloskunde&c%3Acz-groep%3A2027=new';

export async function signUp(c: FormClient, email: string, practice = 'Praktijk Noord', language = 'nl') {
  const page = await c.get(`/situatie?${SITUATION}`);
  return c.post('/aanmelden', {
    _csrf: csrfOf(page.body),
    situation: SITUATION,
    email,
    name: 'Anna',
    practice,
    agb: '',
    language,
  });
}
