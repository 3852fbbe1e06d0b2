package io.distillguard.sim;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hands 1 MiB chunks to a background thread that writes them to the wrapped stream, so gzip
 * compression runs on the second core while the simulator generates. Bytes arrive in order, so
 * the output is identical to a direct write. Not thread-safe for writers (one producer).
 */
final class AsyncOutputStream extends OutputStream {

  private static final byte[] END = new byte[0];
  private static final int CHUNK = 1 << 20;

  private final OutputStream out;
  private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(4);
  private final Thread worker;
  private volatile IOException failure;
  private byte[] buf = new byte[CHUNK];
  private int pos;
  private boolean closed;

  AsyncOutputStream(OutputStream out) {
    this.out = out;
    this.worker = new Thread(this::drain, "distillguard-sim-writer");
    worker.setDaemon(true);
    worker.start();
  }

  private void drain() {
    try {
      while (true) {
        byte[] b = queue.take();
        if (b == END) {
          return;
        }
        if (failure == null) {
          out.write(b, 0, b.length);
        }
      }
    } catch (IOException e) {
      failure = e;
      queue.clear();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void write(int b) throws IOException {
    if (pos == buf.length) {
      handOff();
    }
    buf[pos++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (pos == buf.length) {
        handOff();
      }
      int n = Math.min(len, buf.length - pos);
      System.arraycopy(b, off, buf, pos, n);
      pos += n;
      off += n;
      len -= n;
    }
  }

  private void handOff() throws IOException {
    check();
    byte[] full = pos == buf.length ? buf : java.util.Arrays.copyOf(buf, pos);
    put(full);
    buf = new byte[CHUNK];
    pos = 0;
  }

  private void put(byte[] b) throws IOException {
    try {
      queue.put(b);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing");
    }
  }

  private void check() throws IOException {
    IOException f = failure;
    if (f != null) {
      throw new IOException("background write failed: " + f.getMessage(), f);
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (pos > 0) {
      handOff();
    }
    put(END);
    try {
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while closing");
    }
    check();
    out.close();
  }
}
