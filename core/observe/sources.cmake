target_sources(portunus_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/http_post.cpp
  ${CMAKE_CURRENT_LIST_DIR}/log.cpp
  ${CMAKE_CURRENT_LIST_DIR}/metrics.cpp
  ${CMAKE_CURRENT_LIST_DIR}/webhooks.cpp
)
