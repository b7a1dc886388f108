target_sources(portunus_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/config_dir.cpp
  ${CMAKE_CURRENT_LIST_DIR}/core_config.cpp
  ${CMAKE_CURRENT_LIST_DIR}/schema.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sourced_json.cpp
)
