/**
 * A numeric IEEE-like CSL style written for litmus (plugin-csl bundles APA, Vancouver and Harvard
 * only): [n] A. B. Surname, "Title," Container, vol. V, no. N, pp. P, Year, doi: D. Preprints read
 * "arXiv:ID". It covers the fields litmus exports; it is not the full IEEE editorial style.
 */
export const IEEE_STYLE = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" demote-non-dropping-particle="sort-only">
  <info>
    <title>IEEE (litmus)</title>
    <id>litmus-ieee</id>
    <updated>2026-12-07T00:00:00+00:00</updated>
  </info>
  <macro name="author">
    <names variable="author">
      <name and="text" initialize-with=". " delimiter=", " delimiter-precedes-last="contextual" et-al-min="7" et-al-use-first="1"/>
      <et-al font-style="italic"/>
    </names>
  </macro>
  <macro name="locators">
    <group delimiter=", ">
      <text variable="volume" prefix="vol. "/>
      <text variable="issue" prefix="no. "/>
      <text variable="page" prefix="pp. "/>
    </group>
  </macro>
  <citation>
    <layout prefix="[" suffix="]" delimiter=", ">
      <text variable="citation-number"/>
    </layout>
  </citation>
  <bibliography entry-spacing="0" second-field-align="flush">
    <layout suffix=".">
      <text variable="citation-number" prefix="[" suffix="]"/>
      <group delimiter=", ">
        <text macro="author"/>
        <text variable="title" quotes="true"/>
        <choose>
          <if type="article">
            <group delimiter=":">
              <text variable="publisher"/>
              <text variable="number"/>
            </group>
          </if>
          <else>
            <text variable="container-title" font-style="italic"/>
            <text macro="locators"/>
          </else>
        </choose>
        <date variable="issued">
          <date-part name="year"/>
        </date>
        <text variable="DOI" prefix="doi: "/>
      </group>
    </layout>
  </bibliography>
</style>`;
