package dev.jwtsigner.cli;

import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.apto.AptoPolicy;
import dev.jwtsigner.atomic.AtomicPolicy;
import dev.jwtsigner.keys.KeySource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Option groups shared by several commands: each adds its options to a command's model and reads their
 * values back from it.
 *
 * <pre>{@code
 * void define(CommandSpec spec) { Options.At.addTo(spec); }
 * public Integer call() { InstantSource clock = Options.At.clock(this); ... }
 * }</pre>
 */
final class Options {

  private Options() {}

  /** The two platforms. */
  enum Platform {
    atomic("Atomic SDK authentication"),
    apto("Apto signed payloads");

    final String title;

    Platform(String title) {
      this.title = title;
    }
  }

  /** {@code --at}: the instant to act at instead of now (signing, verifying, the timeline). */
  static final class At {
    private At() {}

    static void addTo(CommandSpec spec) {
      spec.addOption(BaseCommand.option("--at", "INSTANT",
          "Act as if now were this instant (ISO-8601, such as 2026-01-01T00:00:00Z); default: now.").type(Instant.class).build());
    }

    static InstantSource clock(BaseCommand command) {
      Instant at = command.value("--at");
      return at == null ? command.context().clock() : InstantSource.fixed(at);
    }
  }

  /**
   * Where a passphrase comes from: an environment variable, a file, or a prompt with no echo. Never an
   * argument, which would land in the shell history and the process list.
   */
  static final class Passphrase {
    private Passphrase() {}

    static void addTo(CommandSpec spec) {
      spec.addOption(BaseCommand.option("--passphrase-env", "VAR", "Read the key's passphrase from this environment variable.").build());
      spec.addOption(BaseCommand.option("--passphrase-file", "FILE", "Read the key's passphrase from the first line of this file.").build());
      spec.addOption(BaseCommand.flag("Ask for the key's passphrase (no echo).", "--ask-passphrase").build());
    }

    /** The passphrase given, or null when none was asked for. */
    static char[] read(BaseCommand command) {
      String variable = command.value("--passphrase-env");
      String file = command.value("--passphrase-file");
      if (variable != null) {
        String value = command.context().env().get(variable);
        if (value == null || value.isEmpty()) {
          throw command.usage("--passphrase-env: environment variable " + variable + " is not set or empty."
              + " Fix: export it, or use --passphrase-file or --ask-passphrase.");
        }
        return value.toCharArray();
      }
      if (file != null) {
        try {
          List<String> lines = Files.readAllLines(command.context().path(file), StandardCharsets.UTF_8);
          return (lines.isEmpty() ? "" : lines.get(0)).toCharArray();
        } catch (IOException | java.io.UncheckedIOException e) {
          throw command.usage("--passphrase-file: cannot read '" + file + "' (" + e.getClass().getSimpleName()
              + "). Fix: pass a readable file whose first line is the passphrase.");
        }
      }
      if (command.<Boolean>value("--ask-passphrase")) {
        return prompt(command).orElseThrow(() -> command.usage(
            "--ask-passphrase: no terminal to ask on. Fix: use --passphrase-env VAR or --passphrase-file FILE."));
      }
      return null;
    }

    private static Optional<char[]> prompt(BaseCommand command) {
      return command.context().prompt().ask("Passphrase for the key: ");
    }

    /**
     * The private key in {@code text}; when it is encrypted and no passphrase source was named, asks on the
     * terminal if there is one. The passphrase is wiped after use.
     */
    static KeySource load(BaseCommand command, String text) {
      char[] passphrase = read(command);
      try {
        return KeySource.fromPemText(text, passphrase);
      } catch (JwtSignerException e) {
        if (passphrase != null || e.reason() != JwtSignerException.Reason.KEY_PASSPHRASE_REQUIRED) {
          throw e;
        }
        Optional<char[]> asked = prompt(command);
        if (asked.isEmpty()) {
          throw e;
        }
        passphrase = asked.get();
        return KeySource.fromPemText(text, passphrase);
      } finally {
        if (passphrase != null) {
          Arrays.fill(passphrase, '\0');
        }
      }
    }
  }

  /** An Atomic API key's settings. */
  static final class Atomic {
    private Atomic() {}

    static void addTo(CommandSpec spec) {
      spec.addOption(duration("--max-expiry", "The API key's max token expiry (default 7d)."));
      spec.addOption(BaseCommand.option("--allowed-issuer", "ISS", "An allowed issuer (repeatable); default: any.")
          .type(List.class).auxiliaryTypes(String.class).build());
      spec.addOption(BaseCommand.option("--user-id-claims", "CLAIM",
          "Where the SDK looks for the user ID, in order (default atomic_sub,atomic_id,sub,id).")
          .type(List.class).auxiliaryTypes(String.class).splitRegex(",").build());
      spec.addOption(duration("--sdk-interval", "The SDK's expiry interval (default 60s)."));
    }

    static AtomicPolicy policy(BaseCommand command) {
      Duration maxExpiry = command.value("--max-expiry");
      List<String> allowedIssuers = command.value("--allowed-issuer");
      List<String> userIdClaims = command.value("--user-id-claims");
      Duration sdkInterval = command.value("--sdk-interval");
      AtomicPolicy.Builder b = AtomicPolicy.builder();
      if (maxExpiry != null) {
        b.maxTokenExpiry(maxExpiry);
      }
      if (allowedIssuers != null) {
        b.allowedIssuers(allowedIssuers.toArray(String[]::new));
      }
      if (userIdClaims != null) {
        b.userIdClaims(userIdClaims.toArray(String[]::new));
      }
      if (sdkInterval != null) {
        b.sdkExpiryInterval(sdkInterval);
      }
      return b.build();
    }
  }

  /** An Apto program's payload limits. */
  static final class Apto {
    private Apto() {}

    static void addTo(CommandSpec spec) {
      spec.addOption(BaseCommand.option("--max-payload-bytes", "N", "The payload size limit in UTF-8 bytes (default 65536).")
          .type(Integer.class).build());
      spec.addOption(BaseCommand.option("--max-depth", "N", "The payload nesting limit (default 100).").type(Integer.class).build());
    }

    static AptoPolicy.Builder policy(BaseCommand command) {
      Integer maxPayloadBytes = command.value("--max-payload-bytes");
      Integer maxDepth = command.value("--max-depth");
      AptoPolicy.Builder b = AptoPolicy.builder();
      if (maxPayloadBytes != null) {
        b.maxPayloadBytes(maxPayloadBytes);
      }
      if (maxDepth != null) {
        b.maxDepth(maxDepth);
      }
      return b;
    }
  }

  /** A duration option, such as {@code --expires-in 3h} ({@link Durations}). */
  static picocli.CommandLine.Model.OptionSpec duration(String name, String description) {
    return BaseCommand.option(name, "DURATION", description).type(Duration.class).converters(new Durations()).build();
  }
}
