"""A self-contained, interactive HTML page of a snapshot: pan, zoom, hover for sources.

Everything is inline (the SVG, the style, a short script); the page loads nothing
from the network. Hover text is read from ``data-tip`` attributes and shown with
``textContent``, so data is never parsed as HTML.

>>> page = html_page("T <x>", "<svg></svg>", "caption & co", ["a <b>"])
>>> "T &lt;x&gt;" in page and "a &lt;b&gt;" in page and "://" not in page
True
"""

from __future__ import annotations

from mineralgraph.render.svg import escape

STYLE = """
body{margin:0;font-family:"DejaVu Sans",Verdana,Arial,sans-serif;color:#1a1a1a;background:#fff}
header{padding:12px 20px 4px}
h1{font-size:20px;margin:0 0 4px}
.caption{color:#5f6b73;font-size:13px;margin:0}
.help{color:#5f6b73;font-size:12px;margin:4px 0 0}
#view{border-top:1px solid #dde3e8;border-bottom:1px solid #dde3e8;height:78vh;overflow:hidden;
cursor:grab;background:#fff}
#view svg{width:100%;height:100%;display:block}
#view.dragging{cursor:grabbing}
g.node:hover rect{filter:brightness(0.95)}
#tip{position:fixed;display:none;max-width:460px;background:#102a43;color:#fff;font-size:12px;
padding:8px 10px;border-radius:6px;white-space:pre-wrap;pointer-events:none;z-index:10;
box-shadow:0 2px 8px rgba(0,0,0,.25)}
section{padding:8px 20px 20px;font-size:13px}
section li{margin:2px 0}
"""

SCRIPT = """
(function(){
var view=document.getElementById('view'),svg=view.querySelector('svg');
var tip=document.getElementById('tip');
if(!svg){return;}
var vb=svg.getAttribute('viewBox').split(' ').map(Number);
var box={x:vb[0],y:vb[1],w:vb[2],h:vb[3]},start=null;
function apply(){svg.setAttribute('viewBox',[box.x,box.y,box.w,box.h].join(' '));}
function point(ev){
 var r=svg.getBoundingClientRect(),s=Math.max(box.w/r.width,box.h/r.height);
 return {x:box.x+(ev.clientX-r.left-(r.width-box.w/s)/2)*s,
         y:box.y+(ev.clientY-r.top-(r.height-box.h/s)/2)*s,s:s};}
view.addEventListener('wheel',function(ev){
 ev.preventDefault();var p=point(ev),k=ev.deltaY<0?0.85:1/0.85;
 box.x=p.x-(p.x-box.x)*k;box.y=p.y-(p.y-box.y)*k;box.w*=k;box.h*=k;apply();},{passive:false});
view.addEventListener('mousedown',function(ev){
 start={x:ev.clientX,y:ev.clientY,bx:box.x,by:box.y,s:point(ev).s};
 view.classList.add('dragging');});
window.addEventListener('mouseup',function(){start=null;view.classList.remove('dragging');});
window.addEventListener('mousemove',function(ev){if(start){
 box.x=start.bx-(ev.clientX-start.x)*start.s;box.y=start.by-(ev.clientY-start.y)*start.s;apply();}});
view.addEventListener('dblclick',function(){box={x:vb[0],y:vb[1],w:vb[2],h:vb[3]};apply();});
svg.querySelectorAll('g.node').forEach(function(g){
 var t=g.querySelector('title');if(t){t.parentNode.removeChild(t);}
 g.addEventListener('mousemove',function(ev){
  tip.textContent=g.getAttribute('data-tip');tip.style.display='block';
  tip.style.left=Math.min(ev.clientX+14,window.innerWidth-480)+'px';
  tip.style.top=(ev.clientY+14)+'px';});
 g.addEventListener('mouseleave',function(){tip.style.display='none';});});
})();
"""


def html_page(title: str, svg: str, caption: str, sources: list[str],
              body_before: str = "", body_after: str = "") -> str:
    """A self-contained HTML page around an inline SVG.

    ``title``, ``caption`` and ``sources`` are plain text (escaped here); ``svg``,
    ``body_before`` and ``body_after`` are trusted markup made by mineralgraph.
    """
    items = "\n".join(f"<li>{escape(s)}</li>" for s in sources)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<header><h1>{escape(title)}</h1><p class=\"caption\">{escape(caption)}</p>"
        "<p class=\"help\">Scroll to zoom, drag to pan, double-click to reset; hover a box "
        "for its figures and sources.</p></header>\n"
        f"{body_before}<div id=\"view\">\n{svg}</div>\n<div id=\"tip\"></div>\n{body_after}"
        f"<section><h2>Sources</h2>\n<ol>\n{items}\n</ol></section>\n"
        f"<script>{SCRIPT}</script>\n</body>\n</html>\n")
