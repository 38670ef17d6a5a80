package io.capsa.cli;

import java.io.PrintWriter;
import java.util.List;

/**
 * The {@code capsa} command: runc's global flags and one class per verb. The command line is
 * taken apart by a small parser of runc's grammar rather than an annotation-driven library,
 * which cost a JVM start several annotation proxies and most of its time.
 */
public final class Capsa {

  static final List<Verb> VERBS = List.of(
      new CreateCommand(),
      new StartCommand(),
      new RunCommand(),
      new ExecCommand(),
      new KillCommand(),
      new DeleteCommand(),
      new StateCommand(),
      new ListCommand(),
      new FeaturesCommand(),
      new SpecCommand(),
      new PauseCommand(),
      new ResumeCommand(),
      new PsCommand(),
      new EventsCommand(),
      new UpdateCommand(),
      new SandboxCommand());

  private Capsa() {}

  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs one command line; returns the exit status runc would give. */
  static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLineParser.Parsed line = CommandLineParser.parse(GlobalOptions.FLAGS, VERBS, args);
    GlobalOptions capsa = new GlobalOptions(line.globals());
    CliLoggerFinder.sendTo(capsa::log, err);
    Verb verb = line.verb();
    try {
      if (line.problem() != null) {
        throw new UsageException(line.problem());
      }
      capsa.check();
      if (verb == null || capsa.has(GlobalOptions.HELP)
          || line.verbArguments().has(GlobalOptions.HELP)) {
        out.print(capsa.has(GlobalOptions.VERSION) && verb == null
            ? String.join("\n", VersionInfo.lines()) + "\n"
            : verb == null ? UsageText.of(VERBS, GlobalOptions.FLAGS) : UsageText.of(verb));
        return 0;
      }
      checkArgumentCount(verb, line.verbArguments().positionals().size());
      return verb.run(new Call(capsa, line.verbArguments(), out, err));
    } catch (UsageException e) {
      capsa.log().error(err, e);
      err.print(verb == null ? UsageText.of(VERBS, GlobalOptions.FLAGS) : UsageText.of(verb));
      return 1;
    } catch (Exception e) {
      capsa.log().error(err, e);
      return 1;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** runc's checkArgs, in its words. */
  private static void checkArgumentCount(Verb verb, int count) {
    int min = verb.positionals().min();
    int max = verb.positionals().max();
    if (min == max && count != min) {
      throw new UsageException("capsa: \"" + verb.name() + "\" requires exactly " + min
          + " argument(s)");
    } else if (count < min) {
      throw new UsageException("capsa: \"" + verb.name() + "\" requires a minimum of " + min
          + " argument(s)");
    } else if (count > max) {
      throw new UsageException("capsa: \"" + verb.name() + "\" requires a maximum of " + max
          + " argument(s)");
    }
  }
}
