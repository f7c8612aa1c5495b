"""Swedish for the words Streamlit's own frontend writes (it has no translations): the skip link, the sidebar
button, the file uploader, the data grid's toolbar and menus, the widgets' hints and accessible names, the
connection and "Page not found" dialogs.

survey/client.js applies this table in the browser when the page is Swedish: to text that Streamlit draws
(never to what a group or facilitator typed: markdown, tables, code and charts are left alone) and to the
attributes a screen reader reads (aria-label, title, placeholder). The keys are also the list of English
strings tests/browser/test_swedish.py looks for on every page. Found by reading the strings of Streamlit
1.67's frontend bundles (streamlit/static/static/js); check them again when Streamlit is upgraded.
"""

from __future__ import annotations

# English exactly as Streamlit writes it -> Swedish.
EXACT: dict[str, str] = {
    "Skip to main content": "Hoppa till huvudinnehållet",
    "Collapse sidebar": "Dölj sidopanelen",
    "Expand sidebar": "Visa sidopanelen",
    "Close": "Stäng",
    "Running...": "Arbetar …",
    "Stop": "Stoppa",
    "Connecting": "Ansluter",
    "Connecting to Streamlit server": "Ansluter till servern",
    "Unable to connect to Streamlit server": "Kan inte ansluta till servern",
    "Page not found": "Sidan finns inte",
    "The page that you have requested does not seem to exist. Running the app's main page.":
        "Sidan finns inte. Du ser startsidan i stället.",
    "Press Enter to apply": "Tryck Enter för att använda",
    "Press Enter to submit form": "Tryck Enter för att skicka formuläret",
    "Drag and drop a file here": "Dra och släpp en fil här",
    "Drag and drop files here": "Dra och släpp filer här",
    "Upload": "Ladda upp",
    "Add files": "Lägg till filer",
    "Download as CSV": "Ladda ner som CSV",
    "Search": "Sök",
    "Type to search": "Skriv för att söka",
    "Close Search": "Stäng sökningen",
    "Next Result": "Nästa träff",
    "Previous Result": "Föregående träff",
    "Show/hide columns": "Visa eller dölj kolumner",
    "Fullscreen": "Helskärm",
    "Close fullscreen": "Stäng helskärm",
    "Sort ascending": "Sortera stigande",
    "Sort descending": "Sortera fallande",
    "Pin column": "Fäst kolumnen",
    "Unpin column": "Lossa kolumnen",
    "Hide column": "Dölj kolumnen",
    "Copy column name": "Kopiera kolumnens namn",
    "Dataframe column menu": "Kolumnens meny",
    "Add row": "Lägg till rad",
    "Delete": "Ta bort",
    "Select all": "Markera alla",
    "Clear selection": "Rensa markeringen",
    "No results": "Inga träffar",
    "No data": "Inga data",
    "No options": "Inga val",
    "Clear all": "Rensa alla",
    "Clear value": "Rensa värdet",
    "Clear entry": "Rensa fältet",
    "Open": "Öppna",
    "Selected values": "Valda värden",
    "Show password": "Visa lösenordet",
    "Hide password": "Dölj lösenordet",
    "Choose an option": "Välj",
    "Choose options": "Välj",
    "Choose date": "Välj datum",
    "Clear date": "Rensa datumet",
    "Previous month.": "Föregående månad.",
    "Next month.": "Nästa månad.",
    "Previous month": "Föregående månad",
    "Next month": "Nästa månad",
    "Decrement": "Minska",
    "Increment": "Öka",
    "Copy to clipboard": "Kopiera",
    "Copied": "Kopierat",
    "January": "januari", "February": "februari", "March": "mars", "April": "april", "May": "maj", "June": "juni",
    "July": "juli", "August": "augusti", "September": "september", "October": "oktober", "November": "november",
    "December": "december",
    "Mo": "må", "Tu": "ti", "We": "on", "Th": "to", "Fr": "fr", "Sa": "lö", "Su": "sö",
}

# Streamlit's strings with a value in them: (JavaScript regular expression, replacement with $1 …). Written in the
# part of the syntax Python's re and JavaScript share, so the test can match them too.
PATTERNS: list[tuple[str, str]] = [
    (r"^Remove (.+)$", "Ta bort $1"),
    (r"^(\d+)(?:\.(\d+))?\s?(B|KB|MB|GB) per file$", "Högst $1 $3 per fil"),
    (r"^File must be (.+) or smaller\.$", "Filen får vara högst $1."),
    (r"^(.+) files are not allowed\.$", "Filer av typen $1 tas inte emot."),
    (r"^Press (Ctrl|⌘)\+Enter to apply$", "Tryck $1+Enter för att använda"),
    (r"^Press (Ctrl|⌘)\+Enter to submit form$", "Tryck $1+Enter för att skicka formuläret"),
    (r"^You have requested page /(.*), but no corresponding file was found in the app's pages/ directory\. "
     r"Running the app's main page\.$", "Sidan /$1 finns inte. Du ser startsidan i stället."),
    (r"^(January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})$",
     "$T1 $2"),  # $T1: group 1 looked up in EXACT
]

# Strings that mean Streamlit's developer dialogs reached a visitor; never shown in either language (the connection
# dialog gets our own words, survey/texts.py "conn_*").
DEVELOPER_STRINGS = (
    "Is Streamlit still running?",
    "streamlit run yourscript.py",
    "Streamlit server is not responding",
    "Connection error",
    "Running the app's main page",
    "pages/ directory",
)
