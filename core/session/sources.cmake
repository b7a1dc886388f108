target_sources(portunus_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/channel_roster.cpp
  ${CMAKE_CURRENT_LIST_DIR}/client_events.cpp
  ${CMAKE_CURRENT_LIST_DIR}/handle.cpp
  ${CMAKE_CURRENT_LIST_DIR}/media_map.cpp
  ${CMAKE_CURRENT_LIST_DIR}/peer_connection.cpp
  ${CMAKE_CURRENT_LIST_DIR}/peer_connection_info.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rtp_receive_stream.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rtp_send_stream.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rtp_session.cpp
  ${CMAKE_CURRENT_LIST_DIR}/session.cpp
  ${CMAKE_CURRENT_LIST_DIR}/session_manager.cpp
)
