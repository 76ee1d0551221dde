// Material 9.8.1's partials/javascripts/base.html, moved out of the page so that the
// Content-Security-Policy can forbid inline scripts. The scope (the site root of this
// language) comes from the script tag's data-scope instead of being printed into code.
__md_scope=new URL(document.currentScript.dataset.scope,location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
