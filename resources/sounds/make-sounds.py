#!/usr/bin/env python3
"""Writes success.wav and failure.wav (22.05 kHz mono 16-bit): a rising chime and a low falling double tone."""
import math
import os
import struct
import wave

HERE = os.path.dirname(os.path.abspath(__file__))


def tone(path, notes, rate=22050, vol=0.45):
    frames = bytearray()
    for freq, dur in notes:
        n = int(rate * dur)
        for i in range(n):
            env = min(1.0, i / (0.01 * rate), (n - i) / (0.03 * rate))
            s = vol * env * (math.sin(2 * math.pi * freq * i / rate) + 0.3 * math.sin(4 * math.pi * freq * i / rate)) / 1.3
            frames += struct.pack('<h', int(s * 32767))
    with wave.open(path, 'wb') as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(bytes(frames))


tone(os.path.join(HERE, 'success.wav'), [(880, 0.09), (1108.7, 0.09), (1318.5, 0.16)])
tone(os.path.join(HERE, 'failure.wav'), [(330, 0.18), (0.001, 0.05), (247, 0.32)])
