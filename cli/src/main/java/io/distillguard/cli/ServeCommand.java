package io.distillguard.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.distillguard.gateway.Gateway;
import io.distillguard.gateway.GatewayConfig;
import io.distillguard.gateway.KeyTable;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code distillguard serve}: runs the enforcing gateway in front of an LLM API. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the DistillGuard gateway: an OpenAI/Anthropic-compatible reverse proxy that logs every"
          + " exchange, scores it with the detection engine and throttles or blocks distillation.",
      "Either --config distillguard.yaml, or zero-config: --upstream URL --listen HOST:PORT --keys"
          + " keys.csv (flags override the file). Stops on SIGINT/SIGTERM.",
      "Exit codes: 0 stopped cleanly, 2 configuration error."
    })
public final class ServeCommand implements Callable<Integer> {

  static final int EXIT_OK = 0;
  static final int EXIT_USAGE = 2;

  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "Gateway configuration (YAML).")
  Path config;

  @Option(names = "--upstream", paramLabel = "URL", description = "Base URL for both API families, e.g. https://api.example.com.")
  URI upstream;

  @Option(names = "--openai-upstream", paramLabel = "URL", description = "Base URL for /v1/chat/completions, /v1/completions, /v1/responses.")
  URI openAiUpstream;

  @Option(names = "--anthropic-upstream", paramLabel = "URL", description = "Base URL for /v1/messages.")
  URI anthropicUpstream;

  @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Listen address (default 127.0.0.1:8080).")
  String listen;

  @Option(names = "--keys", paramLabel = "FILE", description = "API keys: lines key,account_id[,org_id]; # comments.")
  Path keys;

  @Option(names = "--exchange-log", paramLabel = "DIR", description = "Write the api-exchange/v1 log here (replay with analyze).")
  Path exchangeLog;

  @Option(names = "--detector-config", paramLabel = "FILE", description = "Detector configuration (JSON); defaults if absent.")
  Path detectorConfig;

  @Option(names = "--shadow", description = "Decide, log and count, but enforce nothing.")
  boolean shadow;

  @Option(names = "--fail-closed", description = "Answer 503 when the detection engine fails (default: fail open).")
  boolean failClosed;

  @Option(names = "--check", description = "Validate the configuration, print a summary and exit.")
  boolean check;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    GatewayConfig cfg;
    try {
      cfg = configure();
    } catch (JsonProcessingException e) {
      // The YAML parser's message quotes the offending lines, and the file may hold API keys
      // (inline `keys:`): name only where the problem is.
      JsonLocation at = e.getLocation();
      err.println("serve: cannot parse " + config + ": invalid YAML"
          + (at == null || at.getLineNr() < 1 ? "" : " near line " + at.getLineNr() + ", column " + at.getColumnNr())
          + " (the file's text is not shown: it may hold API keys)");
      return EXIT_USAGE;
    } catch (IOException | RuntimeException e) {
      err.println("serve: " + e.getMessage());
      return EXIT_USAGE;
    }
    PrintWriter out = spec.commandLine().getOut();
    if (check) {
      out.printf(
          "serve: configuration ok: listen %s:%d, openai %s, anthropic %s, %d keys, %d policy rules%s%n",
          cfg.host(), cfg.port(), GatewayConfig.redacted(cfg.openAiUpstream()),
          GatewayConfig.redacted(cfg.anthropicUpstream()), cfg.keys().size(),
          cfg.policy().rules().size(), cfg.policy().shadow() ? ", shadow mode" : "");
      out.flush();
      return EXIT_OK;
    }
    Gateway gw;
    try {
      gw = Gateway.start(cfg);
    } catch (RuntimeException e) {
      err.println("serve: " + e.getMessage());
      return EXIT_USAGE;
    }
    out.printf("serve: listening on %s (metrics %s/metrics)%n", gw.baseUri(), gw.baseUri());
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  gw.close();
                  stopped.countDown();
                },
                "distillguard-serve-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      gw.close();
    }
    return EXIT_OK;
  }

  GatewayConfig configure() throws IOException {
    GatewayConfig.Builder b;
    if (config != null) {
      try (InputStream in = new FileInputStream(config.toFile())) {
        b = GatewayConfig.load(in, config.toAbsolutePath().getParent());
      }
    } else {
      b = GatewayConfig.builder();
      if (upstream == null && openAiUpstream == null && anthropicUpstream == null) {
        throw new IllegalArgumentException("give --config FILE, or --upstream URL with --keys FILE");
      }
      if (keys == null) {
        throw new IllegalArgumentException("--keys FILE is required without --config");
      }
    }
    if (upstream != null) {
      b.upstream(upstream);
    }
    if (openAiUpstream != null) {
      b.openAiUpstream(openAiUpstream);
    }
    if (anthropicUpstream != null) {
      b.anthropicUpstream(anthropicUpstream);
    }
    if (listen != null) {
      b.listen(listen);
    }
    if (keys != null) {
      b.keys(KeyTable.load(keys));
    }
    if (exchangeLog != null) {
      b.exchangeLogDir(exchangeLog);
    }
    if (detectorConfig != null) {
      b.detectorConfig(detectorConfig);
    }
    if (shadow) {
      b.shadow(true);
    }
    if (failClosed) {
      b.failOpen(false);
    }
    return b.build();
  }
}
