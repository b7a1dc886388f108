target_sources(portunus_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/admin_secret.cpp
  ${CMAKE_CURRENT_LIST_DIR}/join_tickets.cpp
  ${CMAKE_CURRENT_LIST_DIR}/jwt.cpp
  ${CMAKE_CURRENT_LIST_DIR}/used_tickets.cpp
)
