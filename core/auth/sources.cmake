target_sources(portunus_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/admin_secret.cpp
)
