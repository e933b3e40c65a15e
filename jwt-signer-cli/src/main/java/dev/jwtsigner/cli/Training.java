package dev.jwtsigner.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The launcher's training run: the everyday commands, run once in a scratch folder with their output thrown
 * away, so that the class-data archive the launcher writes from this run holds what {@code sign},
 * {@code verify}, {@code inspect} and {@code keys} load, whichever command a user happened to run first.
 * Fresh keys every time (none ship in the jar); nothing outside {@code FOLDER} is read or written.
 *
 * <pre>{@code
 * java -XX:DumpLoadedClassList=classes.txt -cp jwt-signer.jar dev.jwtsigner.cli.Training "$(mktemp -d)"
 * }</pre>
 *
 * <p>Exits 0 when every step gave the exit code it should, 1 otherwise (the launcher then writes no archive).
 */
public final class Training {

  private Training() {}

  /** Runs the training in {@code args[0]}, an empty folder it may write to. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: Training FOLDER");
      System.exit(2);
    }
    List<String> failed = run(Path.of(args[0]));
    if (!failed.isEmpty()) {
      System.err.println("training steps that failed: " + failed);
    }
    System.exit(failed.isEmpty() ? 0 : 1);
  }

  /** The steps, run in {@code folder}; returns the ones whose exit code was not the expected one. */
  static List<String> run(Path folder) throws IOException {
    Context context = new Context(InputStream.nullInputStream(), Map.of(), InstantSource.system(),
        question -> Optional.empty(), folder);
    List<String> failed = new ArrayList<>();
    step(context, failed, 0, "keygen", "--platform", "atomic", "--alg", "ES512", "--out", "ec");
    step(context, failed, 0, "keygen", "--platform", "apto", "--out", "rsa");
    step(context, failed, 0, "keys", "inspect", "rsa/private.pem");
    for (String key : List.of("ec", "rsa")) {
      String token = step(context, failed, 0, "sign", "atomic", "--key", key + "/private.pem", "--sub", "training-user").strip();
      Files.writeString(folder.resolve(key + ".jwt"), token, StandardCharsets.US_ASCII);
      step(context, failed, 0, "inspect", key + ".jwt");
      step(context, failed, 0, "verify", "atomic", key + ".jwt", "--trust", key + "/public.pem");
      step(context, failed, 1, "verify", "atomic", key + ".jwt", "--trust", key + "/public.pem", "--max-expiry", "1m");
    }
    Files.writeString(folder.resolve("body.json"), "{\"training\":true}", StandardCharsets.US_ASCII);
    String payload = step(context, failed, 0, "sign", "payload", "body.json", "--key", "rsa/private.pem", "--kid", "key_1").strip();
    Files.writeString(folder.resolve("payload.jwt"), payload, StandardCharsets.US_ASCII);
    step(context, failed, 0, "verify", "payload", "payload.jwt", "--trust", "key_1=rsa/public.pem");
    step(context, failed, 0, "--json", "inspect", "payload.jwt", "--platform", "apto");
    step(context, failed, 2, "sign", "atomic", "--key", "missing.pem", "--sub", "training-user");
    step(context, failed, 0, "--version");
    return failed;
  }

  /** Runs one command line; records it in {@code failed} unless it exits {@code expected}; returns its output. */
  private static String step(Context context, List<String> failed, int expected, String... args) {
    StringWriter out = new StringWriter();
    PrintWriter err = new PrintWriter(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    int status = JwtSignerCli.execute(context, new PrintWriter(out, true), err, args);
    if (status != expected) {
      failed.add(String.join(" ", args) + " (exit " + status + ")");
    }
    return out.toString();
  }
}
