target_sources(portunus_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/log.cpp
  ${CMAKE_CURRENT_LIST_DIR}/metrics.cpp
)
