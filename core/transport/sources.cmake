target_sources(portunus_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/http_connection.cpp
  ${CMAKE_CURRENT_LIST_DIR}/http_routes.cpp
  ${CMAKE_CURRENT_LIST_DIR}/http_listener.cpp
  ${CMAKE_CURRENT_LIST_DIR}/static_files.cpp
  ${CMAKE_CURRENT_LIST_DIR}/websocket_connection.cpp
)
