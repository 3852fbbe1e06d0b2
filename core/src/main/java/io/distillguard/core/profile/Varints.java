package io.distillguard.core.profile;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** LEB128 variable-length integers: most profile counters are small, so they serialise in 1-2 bytes. */
final class Varints {
  private Varints() {}

  static void writeUnsigned(DataOutput out, long v) throws IOException {
    while ((v & ~0x7FL) != 0) {
      out.writeByte((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.writeByte((int) v);
  }

  static long readUnsigned(DataInput in) throws IOException {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = in.readUnsignedByte();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new IOException("varint too long");
  }

  /** Zig-zag for values that may be negative (times, sentinels). */
  static void writeSigned(DataOutput out, long v) throws IOException {
    writeUnsigned(out, (v << 1) ^ (v >> 63));
  }

  static long readSigned(DataInput in) throws IOException {
    long u = readUnsigned(in);
    return (u >>> 1) ^ -(u & 1);
  }

  static int readLength(DataInput in, int max) throws IOException {
    long n = readUnsigned(in);
    if (n < 0 || n > max) {
      throw new IOException("length out of range: " + n);
    }
    return (int) n;
  }
}
