// Headers, Request, Response and FormData: header normalization and order, body extraction and
// consumption (text/json/blob/bytes/formData, multipart round trip), clone, Response.json/error/redirect.
'use strict';
const h=new Headers({b:'2', A:' 1 '}); h.append('set-cookie','x=1'); h.append('Set-Cookie','y=2'); h.append('a','3'); console.log(h, [...h], h.get('a'), h.getSetCookie());
try{new Headers([['a']])}catch(e){console.log(e.name,e.code,e.message)}
try{new Headers(5)}catch(e){console.log(e.name,e.code,e.message)}
try{h.append('a b','1')}catch(e){console.log(e.name,e.code,e.message)}
try{h.append('a','x\ny')}catch(e){console.log(e.name,e.code,e.message)}
try{new Response('x',{status:99})}catch(e){console.log(e.name,e.code,e.message)}
try{new Response('x',{status:204})}catch(e){console.log(e.name,e.code,e.message)}
try{new Request('/x')}catch(e){console.log(e.name,e.code,e.message, e.cause.code)}
try{new Request('http://a/',{method:'GET', body:'x'})}catch(e){console.log(e.name,e.code,e.message)}
try{new Request('http://a/',{method:'POST', body:new ReadableStream()})}catch(e){console.log(e.name,e.code,e.message)}
try{Response.redirect('http://a/', 200)}catch(e){console.log(e.name,e.code,e.message)}
const r=new Response('hi'); console.log(r); 
console.log(new Request('http://a/b', {method:'post', body:'x'}));
const f=new FormData(); f.append('a','1'); f.append('b', new Blob(['x']), 'n.txt'); console.log(f.get('b').name, [...f.keys()]);
(async () => {
  await r.text().then(t=>{console.log(t); return r.text()}).catch(e=>console.log(e.name,e.code,e.message));
  const j = Response.json({ a: [1, 2] }, { status: 201, headers: { 'x-y': 'z' } });
  console.log(j.status, j.ok, [...j.headers], await j.clone().json(), await j.text());
  const form = new FormData(); form.append('field', 'va\nlue'); form.append('file', new File(['content'], 'f.txt', { type: 'text/plain' }));
  const fr = new Response(form);
  const back = await fr.formData();
  console.log([...back].map(([k, v]) => [k, typeof v === 'string' ? v : [v.name, v.type, v.size]]));
  const u = await new Response(new URLSearchParams('a=1&b=2')).formData(); console.log([...u]);
  const s = new Response(ReadableStream.from([new TextEncoder().encode('str'), new TextEncoder().encode('eam')]));
  console.log(await s.text(), s.bodyUsed);
  const b = await new Response(new Blob(['blob'], { type: 'x/y' })).blob(); console.log(b, await b.text());
  const req = new Request('http://e.com/p?q', { method: 'PUT', body: new Uint8Array([104, 105]), headers: [['X-A', '1']] });
  const c = req.clone(); console.log(await req.text(), await c.arrayBuffer(), req.bodyUsed, c.headers.get('x-a'));
  console.log(Response.error().type, Response.error().status, Response.redirect('http://a/x', 301).headers.get('location'));
  try { Response.error().headers.set('a', 'b'); } catch (e) { console.log(e.name, e.message); }
  console.log(await new Response(null).text(), new Response().body, await new Response(new Uint8Array([1,2])).bytes());
})();
