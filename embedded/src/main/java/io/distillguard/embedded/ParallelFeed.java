package io.distillguard.embedded;

import io.distillguard.core.features.ExchangeFeatures;
import io.distillguard.core.features.FeatureExtractor;
import io.distillguard.core.ingest.Exchange;
import io.distillguard.core.ingest.ExchangeParser;
import io.distillguard.core.ingest.MalformedLineException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Parses lines and extracts their features on a small worker pool, handing the results back in
 * input order on the calling thread.
 *
 * <p>A reader thread splits the stream into batches of up to {@value #BATCH_LINES} lines (or
 * {@value #BATCH_BYTES} bytes), copies each batch once and submits it to the pool; the futures go,
 * in submission order, into a bounded queue which the calling thread drains in order. Parsing and
 * feature extraction are stateless and thread-safe, so everything order-dependent (deduplication,
 * reordering, the engine) stays on the calling thread and the outcome is the same as with one
 * thread. While the batch it needs next is not ready, the calling thread processes an unstarted
 * batch itself rather than idle, so with two threads both cores parse and extract whenever the
 * engine has nothing to do. The queue bound (twice the workers plus two, at most {@value
 * #MAX_IN_FLIGHT}) caps the batches in flight, so memory stays bounded however fast the reader is.
 *
 * <p>One instance per stream.
 */
final class ParallelFeed {

  static final int BATCH_LINES = 2048;
  static final int BATCH_BYTES = 4 << 20;
  /** Most batches queued at once whatever the worker count: bounds memory (~10 MB a batch). */
  static final int MAX_IN_FLIGHT = 16;

  /** Receives results in input order on the calling thread. */
  interface Sink {
    void exchange(Exchange e, ExchangeFeatures f);

    void malformed(long lineNumber, String reason);
  }

  /** One batch of lines and, once a worker is done, its results. */
  static final class Batch {
    byte[] data = new byte[64 << 10];
    int used;
    int[] off = new int[BATCH_LINES];
    int[] len = new int[BATCH_LINES];
    long[] lineNo = new long[BATCH_LINES];
    String[] error = new String[BATCH_LINES];
    Exchange[] exchanges = new Exchange[BATCH_LINES];
    ExchangeFeatures[] features = new ExchangeFeatures[BATCH_LINES];
    int size;
    long linesAtEnd;
    long bytesAtEnd;
    boolean last;
    String inputError;
    Throwable failure;

    boolean full() {
      return size == BATCH_LINES || used >= BATCH_BYTES;
    }

    void add(byte[] buf, int o, int n, long line) {
      if (used + n > data.length) {
        data = Arrays.copyOf(data, Math.max(used + n, Math.min(2 * data.length, BATCH_BYTES + n)));
      }
      System.arraycopy(buf, o, data, used, n);
      off[size] = used;
      len[size] = n;
      lineNo[size] = line;
      used += n;
      size++;
    }

    void addError(long line, String reason) {
      off[size] = used;
      len[size] = -1;
      lineNo[size] = line;
      error[size] = reason;
      size++;
    }

    /** Worker side: parse and extract every line that is not already an error. */
    Batch process(ExchangeParser parser, FeatureExtractor extractor) {
      for (int i = 0; i < size; i++) {
        if (error[i] != null) {
          continue;
        }
        Exchange e;
        try {
          e = parser.parse(data, off[i], len[i]);
        } catch (MalformedLineException ex) {
          error[i] = ex.getMessage();
          continue;
        }
        exchanges[i] = e;
        features[i] = extractor.extract(e);
      }
      data = null; // the raw bytes are no longer needed while the batch waits in the queue
      return this;
    }
  }

  private final ExchangeParser parser;
  private final FeatureExtractor extractor;
  private final int workers;
  private final int maxLineBytes;

  ParallelFeed(ExchangeParser parser, FeatureExtractor extractor, int workers, int maxLineBytes) {
    this.parser = Objects.requireNonNull(parser, "parser");
    this.extractor = Objects.requireNonNull(extractor, "extractor");
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1: " + workers);
    }
    this.workers = workers;
    this.maxLineBytes = maxLineBytes;
  }

  /**
   * Reads {@code in} to its end, delivering every exchange and malformed line to {@code sink} in
   * input order on this thread, calling {@code progress} about every {@code interval} lines.
   */
  TrafficReader.Summary run(InputStream in, Sink sink, TrafficReader.Progress progress, long interval)
      throws IOException {
    BlockingQueue<Future<Batch>> queue = new ArrayBlockingQueue<>(Math.min(2 * workers + 2, MAX_IN_FLIGHT));
    AtomicInteger ids = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            workers,
            r -> {
              Thread t = new Thread(r, "distillguard-parse-" + ids.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    Thread reader = new Thread(() -> read(in, queue, pool), "distillguard-read");
    reader.setDaemon(true);
    reader.start();
    long exchanges = 0;
    long malformed = 0;
    java.util.List<TrafficReader.MalformedLine> samples = new java.util.ArrayList<>();
    long nextProgress = interval;
    try {
      while (true) {
        Batch b = take(queue);
        if (b.failure != null) {
          if (b.failure instanceof IOException io) {
            throw io;
          }
          throw propagate(b.failure);
        }
        for (int i = 0; i < b.size; i++) {
          if (b.error[i] != null) {
            malformed++;
            if (samples.size() < TrafficReader.MAX_SAMPLES) {
              samples.add(new TrafficReader.MalformedLine(b.lineNo[i], b.error[i]));
            }
            sink.malformed(b.lineNo[i], b.error[i]);
          } else {
            exchanges++;
            sink.exchange(b.exchanges[i], b.features[i]);
          }
        }
        if (b.last) {
          progress.update(b.linesAtEnd, b.bytesAtEnd);
          return new TrafficReader.Summary(
              b.linesAtEnd, exchanges, malformed, samples, b.bytesAtEnd, b.inputError);
        }
        if (b.linesAtEnd >= nextProgress) {
          progress.update(b.linesAtEnd, b.bytesAtEnd);
          nextProgress = (b.linesAtEnd / interval + 1) * interval;
        }
      }
    } finally {
      reader.interrupt();
      pool.shutdownNow();
    }
  }

  private static Batch take(BlockingQueue<Future<Batch>> queue) throws IOException {
    try {
      Future<Batch> head = queue.take();
      if (!head.isDone()) {
        help(head, queue);
      }
      return head.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("analysis interrupted");
    } catch (ExecutionException e) {
      throw propagate(e.getCause());
    }
  }

  /**
   * Runs a batch nobody has started yet on the calling thread instead of idling: the head if the
   * pool has not picked it up, else the first unstarted one behind it. {@link FutureTask#run} does
   * nothing for a task already started elsewhere, so each batch is still processed exactly once, and
   * results are still taken in input order.
   */
  private static void help(Future<Batch> head, BlockingQueue<Future<Batch>> queue) {
    if (head instanceof FutureTask<Batch> t) {
      t.run();
    }
    for (Future<Batch> f : queue) {
      if (head.isDone()) {
        return;
      }
      if (!f.isDone() && f instanceof FutureTask<Batch> t) {
        t.run();
        return;
      }
    }
  }

  private static RuntimeException propagate(Throwable t) {
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error err) {
      throw err;
    }
    throw new IllegalStateException(t);
  }

  /** Reader thread: split, batch, submit in order; always ends with a last or failed batch. */
  private void read(InputStream in, BlockingQueue<Future<Batch>> queue, ExecutorService pool) {
    LineSplitter split = new LineSplitter(maxLineBytes);
    Batch[] current = {new Batch()};
    try {
      split.run(
          in,
          new LineSplitter.Handler() {
            @Override
            public void line(byte[] buf, int off, int len, long lineNumber) {
              len = TrafficReader.trimCr(buf, off, len);
              if (TrafficReader.isBlank(buf, off, len)) {
                return;
              }
              current[0].add(buf, off, len, lineNumber);
              if (current[0].full()) {
                current[0] = submit(current[0], split, queue, pool);
              }
            }

            @Override
            public void tooLong(long lineNumber, String reason) {
              current[0].addError(lineNumber, reason);
              if (current[0].full()) {
                current[0] = submit(current[0], split, queue, pool);
              }
            }

            @Override
            public void unreadable(long lineNumber, String reason) {
              tooLong(lineNumber, reason);
            }
          },
          TrafficReader.Progress.NONE,
          Long.MAX_VALUE);
      Batch b = current[0];
      b.last = true;
      b.inputError = split.inputError();
      submit(b, split, queue, pool);
    } catch (Throwable t) {
      if (t instanceof Interrupted) {
        return; // the consumer stopped: nobody is listening
      }
      Batch failed = new Batch();
      failed.failure = t;
      failed.data = null;
      try {
        queue.put(CompletableFuture.completedFuture(failed));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private Batch submit(
      Batch b, LineSplitter split, BlockingQueue<Future<Batch>> queue, ExecutorService pool) {
    b.linesAtEnd = split.lines();
    b.bytesAtEnd = split.bytes();
    FutureTask<Batch> f = new FutureTask<>(() -> b.process(parser, extractor));
    pool.execute(f);
    try {
      queue.put(f);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Interrupted();
    }
    return new Batch();
  }

  /** Unwinds the reader thread when the consumer has gone away. */
  private static final class Interrupted extends RuntimeException {
    Interrupted() {
      super("interrupted", null, false, false);
    }
  }
}
