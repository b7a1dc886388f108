target_sources(portunus_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/dcep.cpp
  ${CMAKE_CURRENT_LIST_DIR}/dtls_certificate.cpp
  ${CMAKE_CURRENT_LIST_DIR}/dtls_transport.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ice_agent.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ice_config.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sctp_association.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sctp_stack.cpp
  ${CMAKE_CURRENT_LIST_DIR}/srtp_aes_cm.cpp
  ${CMAKE_CURRENT_LIST_DIR}/srtp_aes_gcm.cpp
  ${CMAKE_CURRENT_LIST_DIR}/srtp_hmac_sha1.cpp
  ${CMAKE_CURRENT_LIST_DIR}/srtp_key_derivation.cpp
  ${CMAKE_CURRENT_LIST_DIR}/srtp_profile.cpp
  ${CMAKE_CURRENT_LIST_DIR}/srtp_session.cpp
  ${CMAKE_CURRENT_LIST_DIR}/srtp_transform.cpp
)
