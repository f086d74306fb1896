package org.peerbridge.server.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.peerbridge.server.security.auth.Registrations;
import org.peerbridge.server.security.launch.EhrRegistration;
import org.peerbridge.server.security.launch.EhrRegistry;
import org.peerbridge.server.security.launch.EhrRequests;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code peerbridge ehrs add|list|disable|enable}: the EHRs whose clinicians open PeerBridge from inside the EHR
 * (SMART App Launch, EHR launch), each for one referring organization. Where the work is done is
 * {@link AdminAccess}'s: a running server's admin API, or the stopped server's database.
 */
@Command(name = "ehrs", mixinStandardHelpOptions = true, description = "Registers, lists, disables and enables the EHRs that launch PeerBridge.")
final class EhrsCommand {

    @ParentCommand
    Main main;

    @Mixin
    AdminAccess access;

    @Spec
    CommandSpec spec;

    @Command(name = "add", mixinStandardHelpOptions = true, description = {"Registers an EHR that launches PeerBridge for a referring organization.",
            "Give exactly one of --jwks (a file with the EHR's public JWKS) or --jwks-url."})
    int add(@Parameters(paramLabel = "NAME", description = "A short name for the EHR here, e.g. general-hospital-ehr.") String name,
            @Option(names = "--iss", required = true, paramLabel = "URL", description = "The EHR's FHIR base URL: the iss it launches with.")
            String issuer,
            @Option(names = "--organization", required = true, paramLabel = "REFERENCE",
                    description = "The referring Organization whose clinicians it launches, e.g. Organization/general-hospital.") String organization,
            @Option(names = "--client-id", required = true, paramLabel = "ID", description = "The client id PeerBridge has at that EHR.")
            String clientId,
            @Option(names = "--jwks", paramLabel = "FILE", description = "File holding the EHR's public JWKS (the keys of its id_tokens).")
            Path jwksFile,
            @Option(names = "--jwks-url", paramLabel = "URL", description = "Where the server fetches the EHR's public JWKS.") String jwksUrl)
            throws Exception {
        EhrRegistration ehr;
        try {
            ehr = EhrRequests.registration(name, issuer, organization, clientId, jwksFile == null ? null : Files.readString(jwksFile), jwksUrl,
                    main.serverConfig().programOrg());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return withEhrs(ehrs -> {
            if (!ehrs.add(ehr)) {
                spec.commandLine().getErr().println("An EHR named '" + name + "' or with issuer " + ehr.issuer() + " is already registered");
                return 1;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("Registered " + name + " (" + ehr.issuer() + ") for " + organization);
            out.println("At the EHR, register PeerBridge with launch URL <server>/launch, redirect URI <server>/launch/callback"
                    + " and JWKS URL <server>/launch/jwks (<server>: PeerBridge's address, without /fhir)");
            return 0;
        });
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the registered EHRs.")
    int list() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        return withEhrs(ehrs -> {
            out.printf("%-24s %-8s %-32s %-24s %s%n", "EHR", "STATUS", "ORGANIZATION", "CLIENT ID", "ISSUER");
            for (EhrRegistration ehr : ehrs.list()) {
                out.printf("%-24s %-8s %-32s %-24s %s%n", ehr.name(), ehr.enabled() ? "enabled" : "disabled", ehr.organization(),
                        ehr.clientId(), ehr.issuer());
            }
            return 0;
        });
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disables an EHR: it launches no one, and the sessions it opened end.")
    int disable(@Parameters(paramLabel = "NAME") String name) throws Exception {
        return setEnabled(name, false);
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enables a disabled EHR again.")
    int enable(@Parameters(paramLabel = "NAME") String name) throws Exception {
        return setEnabled(name, true);
    }

    private int setEnabled(String name, boolean enabled) throws Exception {
        return withEhrs(ehrs -> AdminAccess.report(spec, ehrs.setEnabled(name, enabled), "No EHR '" + name + "' is registered",
                name + (enabled ? " enabled" : " disabled")));
    }

    private int withEhrs(AdminAccess.Work<Registrations<EhrRegistration>> work) throws Exception {
        return access.run(main.serverConfig(), "ehrs", EhrRegistry::new, AdminApiEhrs::new, work);
    }
}
