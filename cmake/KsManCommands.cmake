# cmake -DPROGRAM=<path> -DCOMMANDS=a,b,c -DOUTPUT=<file> -P KsManCommands.cmake
# Writes a help2man include file with a COMMANDS section: each command's own --help, verbatim, so the man page
# of keystation-cli carries every option of every command, taken from the program like the rest of the page.
set(text "[COMMANDS]\nEach command takes \\fB\\-\\-help\\fR for the options below.\n")
string(REPLACE "," ";" COMMANDS "${COMMANDS}")
foreach(command IN LISTS COMMANDS)
  execute_process(COMMAND ${PROGRAM} ${command} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc
                  ERROR_QUIET)
  if(NOT rc EQUAL 0 OR help STREQUAL "")
    message(FATAL_ERROR "${PROGRAM} ${command} --help failed (${rc})")
  endif()
  # The exit status table is the program's, already in the page once.
  string(FIND "${help}" "\nExit status:" cut)
  if(cut GREATER 0)
    string(SUBSTRING "${help}" 0 ${cut} help)
    string(APPEND help "\n")
  endif()
  string(REPLACE "\\" "\\e" help "${help}")
  # A line that starts with . or ' would be a roff request.
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" help "${help}")
  string(APPEND text ".SS \"${command}\"\n.nf\n${help}.fi\n")
endforeach()
file(WRITE ${OUTPUT} "${text}")
