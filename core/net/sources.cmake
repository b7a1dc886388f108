target_sources(portunus_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/dcep.cpp
  ${CMAKE_CURRENT_LIST_DIR}/dtls_certificate.cpp
  ${CMAKE_CURRENT_LIST_DIR}/dtls_transport.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ice_agent.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ice_config.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sctp_association.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sctp_stack.cpp
  ${CMAKE_CURRENT_LIST_DIR}/srtp_profile.cpp
  ${CMAKE_CURRENT_LIST_DIR}/srtp_session.cpp
)
