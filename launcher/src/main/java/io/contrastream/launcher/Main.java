package io.contrastream.launcher;

import io.contrastream.config.ConfigException;
import io.contrastream.config.Settings;
import io.contrastream.producer.dataset.DatasetException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Entry point of {@code ./contrastream <command> [options]}. */
public final class Main {

    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        for (Command c : new Command[] {
            new DemoCommand(),
            new BrokerCommand(),
            new ProduceCommand(),
            new TrainCommand(),
            new BenchCommand(),
            new SweepCommand(),
            new ExportCommand(),
            new SoakCommand()
        }) {
            COMMANDS.put(c.name(), c);
        }
    }

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            System.out.println(usage());
            return args.length == 0 ? 2 : 0;
        }
        Command command = COMMANDS.get(args[0]);
        if (command == null) {
            System.err.println("unknown command '" + args[0] + "'\n\n" + usage());
            return 2;
        }
        Shutdown shutdown = Shutdown.onSignal();
        try {
            Settings settings =
                    Settings.parse(command.settings(), Arrays.copyOfRange(args, 1, args.length), System.getenv());
            if (settings.helpRequested()) {
                System.out.println(Settings.help(
                        "contrastream " + command.name() + " [options]", command.summary(), command.settings()));
                return 0;
            }
            return command.run(settings, shutdown);
        } catch (ConfigException | DatasetException e) {
            System.err.println("contrastream " + command.name() + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("contrastream " + command.name() + " failed: " + e);
            e.printStackTrace();
            return 1;
        } finally {
            shutdown.done();
        }
    }

    /** Every sub-command, in {@code --help} order. */
    static Iterable<Command> commands() {
        return COMMANDS.values();
    }

    static String usage() {
        StringBuilder sb = new StringBuilder("Usage: contrastream <command> [options]\n\nCommands:\n");
        COMMANDS.values().forEach(c -> sb.append(String.format("  %-8s %s%n", c.name(), firstSentence(c.summary()))));
        sb.append("\nRun 'contrastream <command> --help' for a command's options.");
        return sb.toString();
    }

    private static String firstSentence(String s) {
        int dot = s.indexOf(". ");
        return dot < 0 ? s : s.substring(0, dot + 1);
    }
}
