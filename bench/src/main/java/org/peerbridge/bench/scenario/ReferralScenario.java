package org.peerbridge.bench.scenario;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A new referral from an EHR: one transaction Bundle with the Patient (conditional create on its
 * SSN identifier), the referring Practitioner and the ServiceRequest (SNOMED 461481000124109,
 * "Referral to peer support service"), linked by {@code urn:uuid} references. Posted to the base URL.
 *
 * <p>Every request is a different patient and a different referral: the SSN-system identifier, the
 * ServiceRequest identifier and all fullUrls are unique within the run, and the run id makes them
 * unique across runs against the same database. So each request exercises the full write path
 * (conditional search that finds nothing, three inserts plus the server's fulfilment Task), never
 * the idempotent-retry shortcut.
 *
 * <p>The payload comes from {@code referral-transaction.json} next to this class; names and
 * demographics are synthetic.
 */
public final class ReferralScenario implements Scenario {

    public static final String NAME = "referral";
    static final String TEMPLATE = "referral-transaction.json";

    static final String SSN_SYSTEM = "urn:oid:2.16.840.1.113883.4.1";
    static final String REFERRAL_SYSTEM = "urn:oid:2.16.840.1.113883.3.7418.1";

    private static final List<String> VARIABLES = List.of(
            "patientUuid", "practitionerUuid", "serviceRequestUuid",
            "patientSsn", "patientFamily", "patientGiven", "patientPhone", "patientGender", "patientBirthDate",
            "patientStreet",
            "practitionerNpi", "practitionerFamily", "practitionerGiven",
            "referralId", "authoredOn");

    private static final String[] FAMILY = {"Rivera", "Okafor", "Nguyen", "Lindqvist", "Haddad", "Kowalski", "Tanaka",
        "Mensah", "O'Brien", "García", "Novak", "Fischer", "Dubois", "Shah", "Moreau", "Kim"};
    private static final String[] GIVEN = {"Alex", "Sam", "Jordan", "Maria", "Chidi", "Linh", "Elin", "Omar", "Anna",
        "Kenji", "Ama", "Sean", "Lucía", "Tomas", "Priya", "Noah", "Hana"};
    private static final String[] GENDER = {"female", "male", "female", "male", "other", "unknown"};
    private static final String[] STREET = {"Maple Ave", "Oak St", "Lincoln Rd", "Cedar Ln", "Washington Blvd", "Elm Ct"};
    private static final LocalDate OLDEST_BIRTH = LocalDate.of(1945, 1, 1);
    private static final int BIRTH_SPAN_DAYS = 60 * 365;

    private final String runId;
    private final JsonTemplate template;

    public ReferralScenario(String runId) {
        this.runId = RunId.require(runId);
        this.template = JsonTemplate.fromResource(ReferralScenario.class, TEMPLATE, VARIABLES);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "POST a transaction Bundle: Patient (conditional create) + Practitioner + ServiceRequest";
    }

    @Override
    public BenchRequest next(long sequence) {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0");
        }
        int pick = (int) (sequence % 1_000_003);
        String json = template.render(
                randomUuid(), randomUuid(), randomUuid(),
                runId + "-" + sequence,
                FAMILY[pick % FAMILY.length],
                GIVEN[(pick / 3) % GIVEN.length],
                "+1-217-555-" + String.format("%04d", pick % 10_000),
                GENDER[pick % GENDER.length],
                OLDEST_BIRTH.plusDays((sequence * 7919L) % BIRTH_SPAN_DAYS).toString(),
                (1 + pick % 9_000) + " " + STREET[pick % STREET.length],
                npi(sequence),
                FAMILY[(pick / 7) % FAMILY.length],
                GIVEN[(pick / 11) % GIVEN.length],
                "PB-" + runId + "-" + sequence,
                Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        return BenchRequest.postFhirJson("", json);
    }

    /** A 2xx must be the transaction-response Bundle; anything else is a server bug worth counting. */
    @Override
    public String checkSuccess(int status, byte[] body) {
        if (body == null || !contains(body, TRANSACTION_RESPONSE)) {
            return "2xx-not-transaction-response";
        }
        return null;
    }

    private static final byte[] TRANSACTION_RESPONSE = "transaction-response".getBytes(StandardCharsets.US_ASCII);

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Random (version 4) UUID from ThreadLocalRandom: no SecureRandom contention between clients. */
    static String randomUuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /**
     * A well-formed NPI (10 digits, first 1, Luhn check digit over the "80840" prefix) derived from the
     * sequence number. Synthetic: it identifies no real provider.
     */
    static String npi(long sequence) {
        return withNpiCheckDigit("1" + String.format("%08d", sequence % 100_000_000L));
    }

    /** Appends the NPI check digit to a 9-digit base. */
    static String withNpiCheckDigit(String base) {
        String withPrefix = "80840" + base;
        int sum = 0;
        // Luhn: double every second digit counting from the right of the payload (the check digit is appended).
        for (int i = withPrefix.length() - 1, position = 0; i >= 0; i--, position++) {
            int digit = withPrefix.charAt(i) - '0';
            if (position % 2 == 0) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        int check = (10 - (sum % 10)) % 10;
        return base + check;
    }
}
