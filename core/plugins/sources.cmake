target_sources(portunus_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/answer_options.cpp
  ${CMAKE_CURRENT_LIST_DIR}/host_api.cpp
  ${CMAKE_CURRENT_LIST_DIR}/offer_options.cpp
  ${CMAKE_CURRENT_LIST_DIR}/plugin_library.cpp
  ${CMAKE_CURRENT_LIST_DIR}/plugin_registry.cpp
  ${CMAKE_CURRENT_LIST_DIR}/timer_service.cpp
)
