target_sources(portunus_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/glib_pump.cpp
  ${CMAKE_CURRENT_LIST_DIR}/loop.cpp
  ${CMAKE_CURRENT_LIST_DIR}/loop_pool.cpp
)
