target_sources(portunus_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/storage.cpp
)
