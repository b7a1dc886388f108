# Copies janus.js and adapter.js from npm's node_modules (installed by
# scripts/setup) so the demo page can load them; quiet when they are absent.
foreach(pair "janus-gateway/npm/dist/janus.es.js|janus.es.js" "janus-gateway/npm/src/janus.js|janus.js"
             "webrtc-adapter/out/adapter.js|adapter.js")
  string(REPLACE "|" ";" parts "${pair}")
  list(GET parts 0 from)
  list(GET parts 1 to)
  if(EXISTS "${SRC}/${from}")
    file(COPY_FILE "${SRC}/${from}" "${DST}/${to}" ONLY_IF_DIFFERENT)
  endif()
endforeach()
