package dev.jwtsigner.cli;

import dev.jwtsigner.cli.Options.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** {@code verify atomic|payload}: the test kit's verdict; exit 0 accepted, 1 refused, 2 usage. */
final class VerifyCommand extends BaseCommand {

  VerifyCommand(JwtSignerCli root) {
    super(root, "verify", "Check a token the way the platform does: every broken rule with its fix.");
  }

  @Override
  void define(CommandSpec spec) {
    spec.addSubcommand("atomic", new Atomic(root).build());
    spec.addSubcommand("payload", new Payload(root).build());
  }

  /** The token parameter and the repeatable, required {@code --trust}. */
  static void addTokenAndTrust(CommandSpec spec, String trustLabel, String trustDescription) {
    spec.addPositional(parameter("TOKEN|-", "The token, a file holding it, or - for standard input.").build());
    spec.addOption(option("--trust", trustLabel, trustDescription).type(List.class).auxiliaryTypes(String.class)
        .required(true).build());
  }

  @Override
  public Integer call() {
    throw usage("name what to verify: atomic or payload.");
  }

  static int report(BaseCommand command, TokenReport report, String token) {
    Map<String, Object> r = report.explain(token);
    if (command.json()) {
      command.printJson(r);
    } else {
      TokenReport.print(command.out(), r, false);
    }
    return Boolean.TRUE.equals(((Map<?, ?>) r.get("verdict")).get("accepted")) ? 0 : Errors.REFUSED;
  }

  static final class Atomic extends BaseCommand {
    Atomic(JwtSignerCli root) {
      super(root, "atomic", "Verify an Atomic SDK token against the API key's public key(s) and settings.");
    }

    @Override
    void define(CommandSpec spec) {
      addTokenAndTrust(spec, "KEY|JWKS",
          "A public key file (PEM, certificate, OpenSSH line, JWK or JWKS) the platform holds; repeatable.");
      Options.Atomic.addTo(spec);
      Options.At.addTo(spec);
    }

    @Override
    public Integer call() {
      List<TokenReport.Trust> keys = new ArrayList<>();
      for (String file : this.<List<String>>value("--trust")) {
        keys.add(new TokenReport.Trust(null, readText(file, "the public key")));
      }
      String t = readToken(parameter());
      return report(this, new TokenReport(Platform.atomic, Options.Atomic.policy(this), null, keys, Options.At.clock(this)), t);
    }
  }

  static final class Payload extends BaseCommand {
    Payload(JwtSignerCli root) {
      super(root, "payload", "Verify an Apto signed payload against the registered public key(s) (at most two).");
    }

    @Override
    void define(CommandSpec spec) {
      addTokenAndTrust(spec, "[KID=]KEY|JWKS",
          "A registered public key: KID=FILE for a PEM key (no KID: the token's kid), or a JWKS; repeatable.");
      Options.Apto.addTo(spec);
      Options.At.addTo(spec);
    }

    @Override
    public Integer call() {
      List<TokenReport.Trust> keys = new ArrayList<>();
      for (String entry : this.<List<String>>value("--trust")) {
        int eq = entry.indexOf('=');
        boolean hasKid = eq > 0 && !isFile(context(), entry);
        String kid = hasKid ? entry.substring(0, eq) : null;
        keys.add(new TokenReport.Trust(kid, readText(hasKid ? entry.substring(eq + 1) : entry, "the public key")));
      }
      String t = readToken(parameter());
      return report(this, new TokenReport(Platform.apto, null, Options.Apto.policy(this), keys, Options.At.clock(this)), t);
    }
  }
}
