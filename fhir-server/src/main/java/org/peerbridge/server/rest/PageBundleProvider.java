package org.peerbridge.server.rest;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Resource;

/**
 * One page of results, already cut by _offset and _count in SQL. There is no server-side paging
 * state: HAPI writes next/previous links that repeat the query with another _offset, so any replica
 * can answer any page.
 */
public final class PageBundleProvider implements IBundleProvider {

    private final int total;
    private final List<IBaseResource> resources = new ArrayList<>();
    private final InstantType published;

    public PageBundleProvider(int total, List<? extends Resource> matches, List<? extends Resource> included) {
        this(total, matches, included, new Date());
    }

    /** @param published the answer's {@code meta.lastUpdated} */
    public PageBundleProvider(int total, List<? extends Resource> matches, List<? extends Resource> included, Date published) {
        this.total = total;
        this.published = new InstantType(published);
        for (Resource match : matches) {
            ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(match, BundleEntrySearchModeEnum.MATCH);
            resources.add(match);
        }
        for (Resource include : included) {
            ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(include, BundleEntrySearchModeEnum.INCLUDE);
            resources.add(include);
        }
    }

    @Override
    public IPrimitiveType<Date> getPublished() {
        return published;
    }

    /** The whole page whatever the bounds: it is the page HAPI asked for (see class comment). */
    @Override
    public List<IBaseResource> getResources(int fromIndex, int toIndex) {
        return resources;
    }

    @Override
    public String getUuid() {
        return null;
    }

    @Override
    public Integer preferredPageSize() {
        return null;
    }

    @Override
    public Integer size() {
        return total;
    }
}
