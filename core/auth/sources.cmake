target_sources(portunus_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/admin_secret.cpp
  ${CMAKE_CURRENT_LIST_DIR}/join_tickets.cpp
  ${CMAKE_CURRENT_LIST_DIR}/jwt.cpp
  ${CMAKE_CURRENT_LIST_DIR}/moderation.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rate_limiter.cpp
  ${CMAKE_CURRENT_LIST_DIR}/session_token.cpp
  ${CMAKE_CURRENT_LIST_DIR}/turn_credentials.cpp
  ${CMAKE_CURRENT_LIST_DIR}/used_tickets.cpp
)
