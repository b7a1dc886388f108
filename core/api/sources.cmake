target_sources(portunus_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/admin_api.cpp
  ${CMAKE_CURRENT_LIST_DIR}/admin_endpoint.cpp
  ${CMAKE_CURRENT_LIST_DIR}/admin_moderation.cpp
  ${CMAKE_CURRENT_LIST_DIR}/api_path.cpp
  ${CMAKE_CURRENT_LIST_DIR}/client_api.cpp
  ${CMAKE_CURRENT_LIST_DIR}/client_endpoint.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ice_servers.cpp
  ${CMAKE_CURRENT_LIST_DIR}/json.cpp
  ${CMAKE_CURRENT_LIST_DIR}/metrics_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/plugin_answer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/request.cpp
  ${CMAKE_CURRENT_LIST_DIR}/request_limits.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rtc_api.cpp
  ${CMAKE_CURRENT_LIST_DIR}/server_info.cpp
)
