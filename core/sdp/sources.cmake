target_sources(portunus_sdp PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/answerer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/attribute_parser.cpp
  ${CMAKE_CURRENT_LIST_DIR}/attributes.cpp
  ${CMAKE_CURRENT_LIST_DIR}/codecs.cpp
  ${CMAKE_CURRENT_LIST_DIR}/enums.cpp
  ${CMAKE_CURRENT_LIST_DIR}/header_extensions.cpp
  ${CMAKE_CURRENT_LIST_DIR}/media_section.cpp
  ${CMAKE_CURRENT_LIST_DIR}/offerer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/parser.cpp
  ${CMAKE_CURRENT_LIST_DIR}/remote_media.cpp
  ${CMAKE_CURRENT_LIST_DIR}/session_description.cpp
  ${CMAKE_CURRENT_LIST_DIR}/simulcast.cpp
  ${CMAKE_CURRENT_LIST_DIR}/text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/transport.cpp
  ${CMAKE_CURRENT_LIST_DIR}/writer.cpp
)
