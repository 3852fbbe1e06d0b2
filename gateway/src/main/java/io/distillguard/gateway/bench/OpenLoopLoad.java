package io.distillguard.gateway.bench;

import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Open-loop load at a fixed rate: requests are issued on schedule whether or not earlier ones have
 * answered (a pacing thread, a Vert.x client with a connection pool), so a slow server cannot slow
 * the offered load down. Latency runs from the scheduled send time to the last response byte, which
 * corrects for coordinated omission; recorded in an HdrHistogram (1 us .. 60 s, 3 digits).
 */
final class OpenLoopLoad implements AutoCloseable {

  /** Result of one run. */
  record Result(double offeredRate, long sent, long ok, long errors, Histogram latencyNanos) {}

  private final Vertx vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(1));
  private final HttpClient client;
  private final Context ctx;

  OpenLoopLoad(int connections) {
    client =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setPipelining(false),
            new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    ctx = vertx.getOrCreateContext();
  }

  /** Sends at {@code rate} for {@code seconds}; request {@code i} carries {@code headers[i % n]}. */
  Result run(int port, String path, MultiMap[] headers, Buffer body, double rate, long seconds)
      throws InterruptedException {
    Recorder rec = new Recorder(1_000, 60_000_000_000L, 3);
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long total = Math.round(rate * seconds);
    CountDownLatch done = new CountDownLatch((int) total);
    RequestOptions[] opts = new RequestOptions[headers.length];
    for (int k = 0; k < opts.length; k++) {
      opts[k] = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port).setURI(path)
          .setHeaders(headers[k]).setIdleTimeout(30_000);
    }
    long interval = Math.round(1e9 / rate);
    long start = LoadClock.nanos() + 1_000_000;
    for (long i = 0; i < total; i++) {
      long scheduled = start + i * interval;
      LoadClock.waitUntil(scheduled);
      RequestOptions o = opts[(int) (i % opts.length)];
      ctx.runOnContext(
          v ->
              client
                  .request(o)
                  .compose(req -> req.send(body))
                  .compose(resp -> resp.body().map(b -> resp.statusCode()))
                  .onComplete(
                      ar -> {
                        if (ar.succeeded() && ar.result() < 400) {
                          ok.incrementAndGet();
                          rec.recordValue(Math.max(1_000, LoadClock.nanos() - scheduled));
                        } else {
                          errors.incrementAndGet();
                        }
                        done.countDown();
                      }));
    }
    done.await(seconds + 60, TimeUnit.SECONDS);
    return new Result(rate, total, ok.get(), errors.get(), rec.getIntervalHistogram());
  }

  /** Closed-loop saturation: {@code connections} requests always in flight for {@code seconds}. */
  double maxThroughput(int port, String path, MultiMap[] headers, Buffer body, int connections, long seconds)
      throws InterruptedException {
    AtomicLong ok = new AtomicLong();
    long end = LoadClock.nanos() + TimeUnit.SECONDS.toNanos(seconds);
    CountDownLatch done = new CountDownLatch(connections);
    for (int c = 0; c < connections; c++) {
      // each connection keeps to one account (connection c, c + connections, ... of the keys)
      RequestOptions opts =
          new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port).setURI(path)
              .setHeaders(headers[c % headers.length]);
      ctx.runOnContext(v -> loop(opts, body, end, ok, done));
    }
    done.await(seconds + 60, TimeUnit.SECONDS);
    return ok.get() / (double) seconds;
  }

  private void loop(RequestOptions opts, Buffer body, long end, AtomicLong ok, CountDownLatch done) {
    if (LoadClock.nanos() >= end) {
      done.countDown();
      return;
    }
    client
        .request(opts)
        .compose(req -> req.send(body))
        .compose(resp -> resp.body())
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                ok.incrementAndGet();
              }
              loop(opts, body, end, ok, done);
            });
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing the load generator at the end of a run
    }
  }
}
