# Writes the manual page and the shell completions that the iamlint binary generates from its own
# command-line definition (`iamlint man`, `iamlint completions SHELL`).
# Usage: cmake -DIAMLINT=path/to/iamlint -DOUTPUT_DIR=folder -P write_command_line_docs.cmake
foreach(output IN ITEMS "man;iamlint.1" "completions;bash;iamlint.bash" "completions;zsh;_iamlint"
                        "completions;fish;iamlint.fish")
  list(POP_BACK output file)
  execute_process(COMMAND ${IAMLINT} ${output} OUTPUT_FILE ${OUTPUT_DIR}/${file} RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "iamlint ${output} failed (${status})")
  endif()
endforeach()
