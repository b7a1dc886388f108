target_sources(portunus_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/client_events.cpp
  ${CMAKE_CURRENT_LIST_DIR}/handle.cpp
  ${CMAKE_CURRENT_LIST_DIR}/media_map.cpp
  ${CMAKE_CURRENT_LIST_DIR}/peer_connection.cpp
  ${CMAKE_CURRENT_LIST_DIR}/session.cpp
  ${CMAKE_CURRENT_LIST_DIR}/session_manager.cpp
)
