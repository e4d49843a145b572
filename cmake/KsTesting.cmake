# ks_add_gtest: one GoogleTest executable of the suite, built and registered the same way everywhere.
#
#   ks_add_gtest(NAME name SOURCES file... [LIBS target...] [APP NONE|CORE|GUI|WIDGETS] [APP_NAME]
#                [POSTGRES] [JOURNAL_WRITER] [WORKER_ENV] [DEFINES def...] [INCLUDES dir...] [DEPENDS target...]
#                [TIMEOUT s] [DISCOVERY_TIMEOUT s] [COST n] [ENVIRONMENT var=value...] [LABELS label...]
#                [TEST_PREFIX prefix])
#
# Every test executable gets the one shared main (tests/main/TestMain.cpp), told by the options what to set up:
#   APP             the Qt application object: NONE, CORE (QCoreApplication, the default), GUI (QGuiApplication)
#                   or WIDGETS (QApplication); GUI and WIDGETS use the offscreen platform unless
#                   QT_QPA_PLATFORM names one (test discovery runs the binary without the test's ENVIRONMENT);
#   APP_NAME        sets the application name to "keystation-test";
#   POSTGRES        starts the PostgreSQL test server once for the whole binary (tests/support/PostgresServer);
#   JOURNAL_WRITER  with KS_JOURNAL_WRITER set, the binary appends to that journal until killed (kill -9 tests);
#   WORKER_ENV      KEYSTATION_TOKEN_WORKER points at the built keystation-token-worker, as the shipped station.
# The tests are discovered at test time (gtest_discover_tests, DISCOVERY_MODE PRE_TEST) with the properties
# given (TIMEOUT, COST, ENVIRONMENT, LABELS).
include(GoogleTest)

function(ks_add_gtest)
  cmake_parse_arguments(T "POSTGRES;JOURNAL_WRITER;WORKER_ENV;APP_NAME"
                        "NAME;APP;TIMEOUT;DISCOVERY_TIMEOUT;COST;TEST_PREFIX"
                        "SOURCES;LIBS;DEFINES;INCLUDES;DEPENDS;ENVIRONMENT;LABELS" ${ARGN})
  if(NOT T_NAME OR NOT T_SOURCES)
    message(FATAL_ERROR "ks_add_gtest: NAME and SOURCES are required")
  endif()
  if(T_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "ks_add_gtest(${T_NAME}): unknown arguments ${T_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT T_APP)
    set(T_APP CORE)
  endif()
  set(apps NONE CORE GUI WIDGETS)
  list(FIND apps ${T_APP} app_index)
  if(app_index LESS 0)
    message(FATAL_ERROR "ks_add_gtest(${T_NAME}): APP must be one of ${apps}")
  endif()

  add_executable(${T_NAME} ${T_SOURCES} ${PROJECT_SOURCE_DIR}/tests/main/TestMain.cpp)
  ks_test_target_defaults(${T_NAME})
  target_link_libraries(${T_NAME} PRIVATE ${T_LIBS} ks_test_support GTest::gtest Qt6::Core)
  target_compile_definitions(${T_NAME} PRIVATE KS_TEST_APP=${app_index} ${T_DEFINES})
  if(T_APP STREQUAL "GUI")
    target_link_libraries(${T_NAME} PRIVATE Qt6::Gui)
  elseif(T_APP STREQUAL "WIDGETS")
    target_link_libraries(${T_NAME} PRIVATE Qt6::Widgets)
  endif()
  if(T_APP_NAME)
    target_compile_definitions(${T_NAME} PRIVATE KS_TEST_APP_NAME=1)
  endif()
  if(T_POSTGRES)
    target_compile_definitions(${T_NAME} PRIVATE KS_TEST_WITH_POSTGRES=1)
  endif()
  if(T_JOURNAL_WRITER)
    target_compile_definitions(${T_NAME} PRIVATE KS_TEST_JOURNAL_WRITER=1)
    target_link_libraries(${T_NAME} PRIVATE ks_core)
  endif()
  if(T_WORKER_ENV)
    target_compile_definitions(${T_NAME} PRIVATE KS_TEST_WORKER_ENV=1)
  endif()
  if(T_INCLUDES)
    target_include_directories(${T_NAME} PRIVATE ${T_INCLUDES})
  endif()
  if(T_DEPENDS)
    add_dependencies(${T_NAME} ${T_DEPENDS})
  endif()

  set(discover_args DISCOVERY_MODE PRE_TEST)
  if(T_DISCOVERY_TIMEOUT)
    list(APPEND discover_args DISCOVERY_TIMEOUT ${T_DISCOVERY_TIMEOUT})
  endif()
  if(T_TEST_PREFIX)
    list(APPEND discover_args TEST_PREFIX "${T_TEST_PREFIX}")
  endif()
  set(properties)
  if(T_TIMEOUT)
    list(APPEND properties TIMEOUT ${T_TIMEOUT})
  endif()
  if(DEFINED T_COST)
    list(APPEND properties COST ${T_COST})
  endif()
  if(T_ENVIRONMENT)
    list(APPEND properties ENVIRONMENT "${T_ENVIRONMENT}")
  endif()
  if(T_LABELS)
    list(APPEND properties LABELS "${T_LABELS}")
  endif()
  if(properties)
    list(APPEND discover_args PROPERTIES ${properties})
  endif()
  gtest_discover_tests(${T_NAME} ${discover_args})
endfunction()
