package io.distillguard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code distillguard} command. */
@Command(
    name = "distillguard",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Finds and stops model-distillation campaigns against LLM APIs.",
    subcommands = {
      // one line per subcommand class, keep this list sorted
      AnalyzeCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class,
      DemoCommand.class,
      EvalCommand.class,
      ServeCommand.class,
      SimulateCommand.class,
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (tests call this instead of main). */
  public static int run(String... args) {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"distillguard " + (v == null ? "dev" : v)};
    }
  }
}
