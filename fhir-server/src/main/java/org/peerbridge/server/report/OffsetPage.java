package org.peerbridge.server.report;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * One page of an operation's results as a searchset Bundle with self, next and previous links that repeat
 * the request with another {@code _offset}: like search paging, no state is kept on the server, so any
 * replica answers any page. (HAPI writes these links for searches itself, not for operations.)
 */
final class OffsetPage {

    private OffsetPage() {
    }

    static Bundle searchset(String base, String path, Map<String, String[]> parameters, int total, List<Resource> page,
                            int count, int offset) {
        Bundle bundle = new Bundle();
        bundle.setType(Bundle.BundleType.SEARCHSET);
        bundle.setTotal(total);
        String prefix = base + "/" + path + "?";
        bundle.addLink().setRelation(Bundle.LINK_SELF).setUrl(prefix + query(parameters, count, offset));
        if (count > 0 && offset + count < total) {
            bundle.addLink().setRelation(Bundle.LINK_NEXT).setUrl(prefix + query(parameters, count, offset + count));
        }
        if (count > 0 && offset > 0) {
            bundle.addLink().setRelation(Bundle.LINK_PREV).setUrl(prefix + query(parameters, count, Math.max(0, offset - count)));
        }
        for (Resource resource : page) {
            bundle.addEntry().setFullUrl(base + "/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart())
                    .setResource(resource).getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        return bundle;
    }

    private static String query(Map<String, String[]> parameters, int count, int offset) {
        StringJoiner query = new StringJoiner("&");
        parameters.forEach((name, values) -> {
            if (!name.equals("_count") && !name.equals("_offset")) {
                for (String value : values) {
                    query.add(encode(name) + "=" + encode(value));
                }
            }
        });
        query.add("_count=" + count);
        if (offset > 0) {
            query.add("_offset=" + offset);
        }
        return query.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
