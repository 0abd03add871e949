/// <reference types="astro/client" />
/** robots.txt: everything may be indexed; the sitemap lists the pages. */
import type { APIRoute } from 'astro';

export const GET: APIRoute = () => {
  const sitemap = new URL(`${import.meta.env.BASE_URL.replace(/\/?$/, '/')}sitemap.xml`, import.meta.env.SITE).href;
  return new Response(`User-agent: *\nAllow: /\n\nSitemap: ${sitemap}\n`, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
