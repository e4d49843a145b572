# Installation layout and the Debian packages (CPack DEB), docs/packaging.md. Included last from the top
# CMakeLists.txt, once every target exists. The version is PROJECT_VERSION (project() in the top CMakeLists.txt).
#
#   keystation        /usr/bin/keystation, /usr/bin/keystation-cli (links to /usr/libexec/keystation/, where
#                     keystation-token-worker sits beside them: the engine starts the worker found next to the
#                     running program), man pages, .desktop, hicolor icon, AppStream metainfo, examples, copyright
#   keystation-tools  the simulated hub: /usr/bin/ks-simhub and its PKCS#11 module
#                     /usr/lib/<triplet>/keystation/ks-simhub-pkcs11.so (tests, demos, training; not for production)
#
# Man pages come from the built programs' --help (help2man): `ninja man` before `cmake --install` / cpack
# (scripts/package does). Tests and benchmarks have no install rules and are never installed.
include(GNUInstallDirs)

set(KS_PACKAGE_MAINTAINER "KeyStation maintainers <keystation@example.org>"
    CACHE STRING "Maintainer field of the Debian packages")
set(KS_LIBEXEC_SUBDIR ${CMAKE_INSTALL_LIBEXECDIR}/keystation)
set(KS_MODULE_SUBDIR lib/${CMAKE_LIBRARY_ARCHITECTURE}/keystation)
set(KS_PKG_DIR ${CMAKE_BINARY_DIR}/package-files)
set(KS_RES ${PROJECT_SOURCE_DIR}/resources)
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                                                WORLD_READ WORLD_EXECUTE)
file(MAKE_DIRECTORY ${KS_PKG_DIR}/bin ${KS_PKG_DIR}/keystation ${KS_PKG_DIR}/keystation-tools)

# --- keystation ------------------------------------------------------------------------------------------------
foreach(program keystation keystation-cli)
  file(CREATE_LINK ../${KS_LIBEXEC_SUBDIR}/${program} ${KS_PKG_DIR}/bin/${program} SYMBOLIC)
  install(FILES ${KS_PKG_DIR}/bin/${program} DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT keystation)
endforeach()
install(TARGETS keystation keystation-cli keystation-token-worker RUNTIME DESTINATION ${KS_LIBEXEC_SUBDIR}
        COMPONENT keystation)
install(FILES ${KS_RES}/keystation.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications COMPONENT keystation)
install(FILES ${KS_RES}/icons/keystation.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
        COMPONENT keystation)
string(TIMESTAMP KS_RELEASE_DATE "%Y-%m-%d" UTC)
configure_file(${KS_RES}/org.keystation.KeyStation.metainfo.xml.in
               ${KS_PKG_DIR}/keystation/org.keystation.KeyStation.metainfo.xml @ONLY)
install(FILES ${KS_PKG_DIR}/keystation/org.keystation.KeyStation.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo COMPONENT keystation)
file(GLOB KS_EXAMPLES CONFIGURE_DEPENDS ${KS_RES}/examples/*)
install(FILES ${KS_EXAMPLES} DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/keystation/examples COMPONENT keystation)

# --- keystation-tools: the simulated hub -------------------------------------------------------------------------
install(TARGETS ks-simhub RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT tools)
install(TARGETS ks-simhub-pkcs11 LIBRARY DESTINATION ${KS_MODULE_SUBDIR} COMPONENT tools)

# --- man pages from --help (help2man) ---------------------------------------------------------------------------
# Each program runs as a bare name from PATH, so the page says "keystation-cli", not the build path. keystation
# prints its help without a display; the offscreen platform is set anyway, so a build machine's display is
# never touched.
find_program(HELP2MAN help2man)
set(KS_MAN_PAGES "")
if(HELP2MAN)
  set(KS_MAN_keystation "batch provisioning station for USB PKI keys (desktop)")
  set(KS_MAN_keystation-cli "batch provisioning of USB PKI keys from the command line")
  set(KS_MAN_ks-simhub "control the KeyStation simulated USB hub")
  foreach(program keystation keystation-cli ks-simhub)
    if(NOT TARGET ${program})
      continue()
    endif()
    set(page ${KS_PKG_DIR}/man/${program}.1)
    set(include_args "")
    set(include_commands "")
    if(program STREQUAL "keystation-cli")
      # keystation-cli COMMAND --help for every command, as a COMMANDS section (cmake/KsManCommands.cmake).
      set(include_args --include=${KS_PKG_DIR}/man/${program}.commands)
      set(include_commands COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:${program}>
                           -DCOMMANDS=tokens,ca,provision,log,operator,lot,doctor -DOUTPUT=${KS_PKG_DIR}/man/${program}.commands
                           -P ${PROJECT_SOURCE_DIR}/cmake/KsManCommands.cmake)
    endif()
    add_custom_command(
      OUTPUT ${page}.gz
      COMMAND ${CMAKE_COMMAND} -E make_directory ${KS_PKG_DIR}/man
      ${include_commands}
      COMMAND ${CMAKE_COMMAND} -E env "PATH=$<TARGET_FILE_DIR:${program}>:$ENV{PATH}" QT_QPA_PLATFORM=offscreen
              ${HELP2MAN} --no-info --section=1 "--name=${KS_MAN_${program}}"
              "--version-string=${PROJECT_VERSION}" ${include_args} --output=${page} ${program}
      COMMAND gzip -9nf ${page}
      DEPENDS ${program} ${PROJECT_SOURCE_DIR}/cmake/KsManCommands.cmake
      COMMENT "help2man ${program}.1"
      VERBATIM)
    list(APPEND KS_MAN_PAGES ${page}.gz)
    if(program STREQUAL "ks-simhub")
      install(FILES ${page}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT tools OPTIONAL)
    else()
      install(FILES ${page}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT keystation OPTIONAL)
    endif()
  endforeach()
endif()
# Not part of `all`: the test builds need no help2man run on every relink. scripts/package builds it.
add_custom_target(man DEPENDS ${KS_MAN_PAGES})

# --- copyright and changelog of each package (native: changelog.gz, in Debian changelog format) ------------
string(TIMESTAMP KS_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
foreach(package keystation keystation-tools)
  configure_file(${KS_RES}/debian/copyright ${KS_PKG_DIR}/${package}/copyright COPYONLY)
  file(WRITE ${KS_PKG_DIR}/${package}/changelog
       "${package} (${PROJECT_VERSION}) unstable; urgency=medium\n\n"
       "  * Built from the KeyStation sources, version ${PROJECT_VERSION} (CMake project version).\n\n"
       " -- ${KS_PACKAGE_MAINTAINER}  ${KS_CHANGELOG_DATE}\n")
  execute_process(COMMAND gzip -9nf ${KS_PKG_DIR}/${package}/changelog)
  if(package STREQUAL "keystation")
    set(component keystation)
  else()
    set(component tools)
  endif()
  install(FILES ${KS_PKG_DIR}/${package}/copyright ${KS_PKG_DIR}/${package}/changelog.gz
          DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${package} COMPONENT ${component})
endforeach()

# --- CPack: two .deb files ---------------------------------------------------------------------------------------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME keystation)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "KeyStation")
# CPack's own default summary: CPackDeb then takes each component description's first line as the synopsis
# (any other summary would be put in front of both packages' descriptions).
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CMAKE_PROJECT_NAME} built using CMake")
set(CPACK_PACKAGE_CONTACT "${KS_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_COMPONENTS_ALL keystation tools)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${KS_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_KEYSTATION_PACKAGE_NAME keystation)
# Loaded at run time, invisible to dpkg-shlibdeps: the SQLite driver of the journal and the SVG icon engine.
# (The xcb and offscreen platforms and the multimedia back ends ship in libqt6gui6 / libqt6multimedia6, which
# dpkg-shlibdeps finds.)
set(CPACK_DEBIAN_KEYSTATION_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6svg6")
set(CPACK_DEBIAN_KEYSTATION_PACKAGE_RECOMMENDS "pcscd, opensc-pkcs11, libqt6sql6-psql")
set(CPACK_DEBIAN_KEYSTATION_PACKAGE_SUGGESTS "keystation-tools, qt6-speech-flite-plugin")
set(CPACK_COMPONENT_KEYSTATION_DESCRIPTION
    "batch provisioning station for USB PKI keys
KeyStation logs in to every USB PKI key of a hub, has each generate a key pair
on the key, enrols a certificate with a remote CA (EST, CFSSL) and writes it
back, keeping a tamper-evident batch log. This package holds the desktop
station (keystation), the command-line front end (keystation-cli) and the
per-key PKCS#11 worker.")

set(CPACK_DEBIAN_TOOLS_PACKAGE_NAME keystation-tools)
# The module wraps SoftHSM2, which it loads by path (/usr/lib/softhsm/libsofthsm2.so).
set(CPACK_DEBIAN_TOOLS_PACKAGE_DEPENDS "libsofthsm2, softhsm2")
set(CPACK_COMPONENT_TOOLS_DESCRIPTION
    "simulated USB hub for KeyStation (testing)
A PKCS#11 module wrapping SoftHSM2 that adds what a real hub of USB keys has:
plugging and pulling keys, slot events, chip latency, PIN lock-out and
injected faults, and ks-simhub, the tool that controls it. For tests, demos
and training; not for provisioning real keys.")

include(CPack)
