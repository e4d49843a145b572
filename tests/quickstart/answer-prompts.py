#!/usr/bin/env python3
"""Runs a command on a pseudo-terminal and types answers at its password prompts, as a person would.

    answer-prompts.py --answers FILE -- COMMAND [ARG...]

FILE holds the answers, one a line (so they appear in no process list). For each answer, in order: waits until the command has printed a prompt (output ending in ": ") AND has turned
the terminal's echo off (it is reading a secret), then types the answer and Enter. Waiting for echo-off rather
than typing as soon as the prompt shows matters: a program that flushes the terminal's input when it turns echo
off (tcsetattr TCSAFLUSH) would throw away an answer typed too early. Answers are never printed. Exits with
the command's status; 124 when it does not finish within 60 s or stops asking before all answers are used.
"""
import os
import pty
import select
import sys
import termios
import time


def main() -> int:
    if len(sys.argv) < 5 or sys.argv[1] != "--answers" or sys.argv[3] != "--":
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[2], encoding="utf-8") as f:
        answers = f.read().splitlines()
    command = sys.argv[4:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(command[0], command)
    deadline = time.monotonic() + 60
    pending = b""  # output since the last answer
    output = bytearray()
    closed = False
    while not closed:
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            print("answer-prompts: time-out", file=sys.stderr)
            return 124
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # EIO: the child closed the terminal
                chunk = b""
            if not chunk:
                closed = True
            pending += chunk
            output += chunk
            sys.stdout.buffer.write(chunk)
            sys.stdout.flush()
        if answers and pending.rstrip(b" ").endswith(b":"):
            try:
                echo_off = not (termios.tcgetattr(fd)[3] & termios.ECHO)
            except termios.error:
                echo_off = False
            if echo_off:
                os.write(fd, answers.pop(0).encode() + b"\n")
                pending = b""
    _, status = os.waitpid(pid, 0)
    if answers:
        print(f"answer-prompts: the command ended with {len(answers)} answer(s) unused", file=sys.stderr)
        return 124
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())
