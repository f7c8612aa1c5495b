"""Every text the pages show, in one shape with the rest of Spindeln's texts: `TEXTS[lang][key]`, Swedish first.

A test (tests/survey/test_texts.py) holds the two languages to the same keys and placeholders."""

TEXTS: dict[str, dict[str, str]] = {
    "sv": {
        # navigation
        "nav_results": "Resultat",
        "nav_compare": "Jämför",
        "nav_appendix": "Protokollsbilaga",
        "nav_facilitator": "Processledare",
        "nav_rating": "Skattning",
        "nav_profile": "Förbundsprofil",
        "nav_accessibility": "Tillgänglighet",
        # the accessibility statement (DOS-lagen, lag 2018:1937), in DIGG's model structure
        "a11y_title": "Tillgänglighetsredogörelse för Spindeln",
        "a11y_link": "Tillgänglighetsredogörelse (öppnas i en ny flik)",
        "a11y_default_organisation": "Samordningsförbundet som driver den här installationen",
        "a11y_intro": "{organisation} står bakom Spindeln, verktyget där grupper på en workshop skattar förbundets "
                      "profil och ser resultatet tillsammans. Vi vill att så många som möjligt ska kunna använda "
                      "det. Den här redogörelsen beskriver hur Spindeln uppfyller lagen (2018:1937) om tillgänglighet "
                      "till digital offentlig service, vilka tillgänglighetsproblem vi känner till och hur du kan "
                      "rapportera brister till oss så att vi kan åtgärda dem.",
        "a11y_how_heading": "Hur tillgänglig är webbplatsen?",
        "a11y_how": "Webbplatsen är delvis förenlig med WCAG 2.1 på nivå AA. Vi vet att delar av den inte är helt "
                    "tillgängliga; de beskrivs under Innehåll som inte är tillgängligt nedan.",
        "a11y_cannot_heading": "Vad kan du göra om du inte kan använda delar av webbplatsen?",
        "a11y_cannot": "Om du behöver innehåll från Spindeln i en annan form, till exempel protokollsbilagan som "
                       "Word-fil i stället för PDF eller gruppens skattning inlämnad på papper, kan du kontakta oss "
                       "{contact}. På workshoppen kan processledaren också mata in gruppens skattning åt er.",
        "a11y_contact_email": "via e-post till {email}",
        "a11y_contact_none": "genom processledaren på din workshop",
        "a11y_report_heading": "Rapportera brister i webbplatsens tillgänglighet",
        "a11y_report": "Vi strävar hela tiden efter att förbättra webbplatsens tillgänglighet. Om du upptäcker "
                       "problem som inte beskrivs på den här sidan, eller om du anser att vi inte uppfyller lagens "
                       "krav, meddela oss {contact} så att vi får veta att problemet finns.",
        "a11y_supervision_heading": "Tillsyn",
        "a11y_supervision": "Myndigheten för digital förvaltning (DIGG) har ansvaret för tillsyn över lagen om "
                            "tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar "
                            "dina synpunkter kan du kontakta DIGG och påtala det i myndighetens webbformulär: {form}",
        "a11y_technical_heading": "Teknisk information om webbplatsens tillgänglighet",
        "a11y_technical": "Webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service, "
                          "på grund av de brister som beskrivs nedan.",
        "a11y_gaps_heading": "Innehåll som inte är tillgängligt",
        "a11y_gaps_intro": "Det innehåll som beskrivs nedan är på ett eller annat sätt inte helt tillgängligt.",
        "a11y_noncompliance_heading": "Bristande förenlighet med lagkraven",
        "a11y_gap_pdf": "Protokollsbilagan som PDF är inte taggad: rubriker, stycken och tabeller saknar struktur (bara "
                        "diagrammet har en textbeskrivning), så en skärmläsare kan inte hoppa mellan rubrikerna eller "
                        "läsa tabellen som en tabell (WCAG 1.3.1). Programbiblioteket som skapar PDF-filen (fpdf2) kan "
                        "inte tagga rubriker, stycken och tabeller. Word-filen med samma innehåll är det tillgängliga "
                        "originalet, med riktiga rubriker och en riktig tabell; PDF-filen är till för utskrift.",
        "a11y_gap_cards": "De utskrivbara gruppkorten (PDF) är inte heller taggade och deras QR-koder saknar "
                          "textbeskrivning (WCAG 1.1.1 och 1.3.1). Länken och koden står som text på varje kort och i "
                          "processledarens vy.",
        "a11y_gap_pointer": "I diagrammen visas ett värde när man pekar på en punkt, och en grupps linje döljs när man "
                            "klickar på gruppen i förklaringen; båda går bara med mus eller pekskärm, inte med "
                            "tangentbordet (WCAG 2.1.1). Samma värden står i tabellen under diagrammet, och reglaget "
                            "Visa gruppernas linjer fungerar med tangentbordet.",
        "a11y_gap_updates": "Resultatsidan, resultatet under gruppens formulär och projektorns bild uppdateras av sig "
                            "själva medan grupperna skickar in, och uppdateringen går inte att pausa (WCAG 2.2.2).",
        "a11y_tested_heading": "Hur vi testat webbplatsen",
        "a11y_tested": "Vi testar Spindeln själva. Automatiska tester med axe-core, med regeluppsättningarna wcag2a, "
                       "wcag2aa, wcag21a och wcag21aa, körs vid varje ändring (CI) på varje sida och i varje läge en "
                       "användare möter: före och efter att en grupp skickat in, före och efter att resultatet visas, "
                       "utloggad och inloggad. De godkänner ingen avvikelse. Ett test i en riktig webbläsare "
                       "skattar och kommenterar med enbart tangentbord, och sidorna visas i Chromium i mobil-, "
                       "dator- och projektorstorlek.",
        "a11y_reviewed": "Senaste bedömningen gjordes den {date}. Redogörelsen uppdaterades senast den {date}.",
        # shared
        "workshop_label": "Workshop",
        "no_workshops": "Det finns ännu inga workshoppar med visade resultat.",
        "link_workshop_unknown": "Workshoppen i adressen finns inte, eller så är dess resultat inte visade än. Välj en "
                                 "workshop nedan.",
        "choose_workshop": "Välj en workshop",
        "facilitator_workshop_unknown": "Workshoppen i adressen finns inte (eller ligger i papperskorgen). Här visas "
                                        "”{title}”.",
        "view_workshop_hidden": "Resultatet av ”{title}” är inte visat än. Du kan se förbundets andra workshoppar nedan.",
        "no_ratings_yet": "Inga skattningar ännu.",
        "groups_submitted": "{done} av {total} grupper har skickat in",
        "choose_placeholder": "Välj …",
        "skip": "Hoppa över",
        "save": "Spara",
        "saved": "Sparat.",
        "party_none": "Ingen part angiven",
        # rating (a group's form)
        "bad_link": "Länken fungerar inte. Be processledaren om en ny länk till er grupp.",
        "form_not_open": ("Skattningen har inte öppnat än. Sidan öppnar formuläret av sig själv när "
                          "processledaren startar."),
        "form_closed": "Skattningen är stängd. Era sparade svar visas nedan.",
        "form_locked_revealed": "Resultatet visas nu, så skattningen är låst. Era punkter på frågorna kan ni fortfarande "
                                "ändra och spara.",
        "form_round2": "Omgång 2: skatta de axlar som diskuterades en gång till.",
        "form_intro": ("Välj för varje axel var förbundet bör ligga, från {min} (lite) till {max} (mycket), eller "
                       "Hoppa över."),
        "comment_label": "Kommentar (valfritt)",
        "comment_placeholder": "Kommentar (valfritt): en rad om varför",
        "follow_button": "Uppdatera sidan",  # hidden: survey/client.js presses it when the workshop changed
        "live_redraw": "Rita om resultatet",  # hidden: survey/client.js presses it when the count has changed
        "form_keyboard_hint": ("Med tangentbord: Tab till en axel, pil vänster/höger till ett värde, Enter eller "
                               "blanksteg väljer eller tar bort valet."),
        "submit_button": "Skicka in",
        "update_button": "Spara ändringar",
        "unexpected_error": ("Något gick fel och sidan kunde inte visas. Inget av det som redan är sparat har "
                             "gått förlorat. Ladda om sidan; om felet finns kvar, säg till processledaren."),
        "form_busy": "Det är många som skickar just nu och svaren sparades inte. Tryck på knappen igen.",
        "form_unanswered": "Välj ett värde eller Hoppa över för: {axes}",
        "form_saved": ("Tack! Era svar är sparade kl. {time}. Ni kan ändra dem tills processledaren stänger "
                       "skattningen."),
        "form_saved_skipped": "Överhoppade axlar: {axes}",
        "form_already_saved": "Era svar är sparade. Ändra och spara igen om ni vill.",
        # survey/client.js, in the browser (it has no server to ask when the connection is gone)
        "client_conn_title": "Ingen kontakt med servern",
        "client_conn_body": ("Sidan når inte servern just nu. Det ni har valt och skrivit finns kvar här och sidan "
                             "ansluter igen av sig själv. Stäng inte sidan."),
        "client_conn_lost": ("Ingen anslutning. Det ni har valt och skrivit finns kvar på sidan; sidan ansluter "
                             "igen av sig själv."),
        "client_save_sending": "Skickar …",
        "client_save_slow": ("Inte sparat ännu: servern har inte svarat. Era val finns kvar och skickas igen av sig "
                             "själva."),
        "client_save_offline": ("Inte sparat: ingen anslutning. Era val finns kvar på sidan och skickas av sig "
                                "själva när anslutningen är tillbaka."),
        "client_save_retrying": "Anslutningen är tillbaka. Skickar igen …",
        "client_draft_restored": ("Det ni valde men inte skickade in är tillbaka i formuläret. Tryck på knappen "
                                  "för att spara det."),
        "form_results_heading": "Resultat",
        "questions_heading": "Diskussionsfrågor",
        "questions_intro": "Skriv gruppens svar som punkter, en per rad.",
        "answer_placeholder": "En punkt per rad",
        "narrative_unsaved": "Texten har ändringar som inte är sparade. Tryck på ”Spara texten i workshopen”, annars försvinner de om "
                             "sidan laddas om.",
        "narrative_not_saved_visitor": "Bara processledaren kan spara texten. Dina ändringar följer med i filerna du "
                                       "laddar ner nu, men finns inte kvar om sidan laddas om.",
        "answers_saved_ratings_not": "Era punkter på frågorna sparades kl. {time}. Skattningen är inte inskickad än.",
        # results
        "results_title": "Resultat",
        "not_revealed_banner": "Resultatet är inte visat för grupperna ännu. Bara du som processledare ser det.",
        "show_groups": "Visa gruppernas linjer",
        "all_statistics": "Alla mått per axel",
        "result_cards": "Resultat per axel",
        "statistics_help": ("Konsensus: Tastle & Wierman (1 = alla lika, 0 = delat mellan ändpunkterna). "
                            "Samstämmighet A: van der Eijk (1 = enig, 0 = jämnt utspritt, −1 = delat i två "
                            "läger). Spridning D: Leik (0 = alla lika, 1 = delat mellan ändpunkterna). KI: "
                            "t-intervall för medelvärdet, begränsat till skalan."),
        "axis_detail": "Axel för axel",
        "sort_by": "Ordning",
        "sort_order": "Som i workshopen",
        "sort_mean": "Medel",
        "sort_consensus": "Konsensus",
        "choose_axis": "Välj axel",
        "metric_mean": "Medel",
        "metric_n": "Svar",
        "metric_consensus": "Konsensus",
        "metric_label": "Tolkning",
        "comments_heading": "Gruppernas kommentarer",
        "rounds_heading": "Omgång 1 och 2",
        "round2_waiting": "Inga svar i omgång 2 ännu.",
        "override_heading": "Justera tolkning",
        "override_help": ("Ändra en tolkning som reglerna gav. En ändrad tolkning märks som justerad överallt där "
                          "den visas."),
        "override_rule": "Enligt reglerna: {label}",
        # compare
        "compare_title": "Jämför workshoppar",
        "compare_need_two": "Det behövs minst två workshoppar med visade resultat för en jämförelse.",
        "compare_choose": "Workshoppar att jämföra",
        "party_heading": "Per medlemspart",
        "party_none_set": "Ingen grupp i den här workshopen har en medlemspart angiven.",
        "party_too_few": "Varje part har färre än tre grupper, så här visas varje parts egna skattningar. Medelvärde "
                         "och tolkning per part kräver minst tre grupper.",
        # appendix
        "appendix_title": "Protokollsbilaga",
        "narrative_label": "Sammanfattande text",
        "narrative_help": ("Ett utkast skrivet från tolkningarna. Redigera fritt; texten följer med i alla "
                           "format. Rader som börjar med ## blir rubriker, - blir punkter och **ord** blir "
                           "fetstil."),
        "narrative_help_saved": ("Texten som sparats i workshopen. Redigera fritt; texten följer med i alla format. "
                                 "Rader som börjar med ## blir rubriker, - blir punkter och **ord** blir fetstil."),
        "narrative_save": "Spara texten i workshopen",
        "narrative_reset": "Återställ utkastet",
        "downloads": "Ladda ner",
        "downloads_help": "Filerna byggs av texten ovan och workshoppen som den är nu.",
        # federation profile
        "bad_view_link": "Länken fungerar inte. Be förbundet om en ny länk.",
        "not_revealed_yet": "Inga resultat är visade ännu.",
        "profile_workshop": "Workshop",
        # facilitator
        "facilitator_title": "Processledare",
        "password_label": "Lösenord",
        "login_button": "Logga in",
        "password_help": ("Lösenordet sätts med SPINDELN_ADMIN_PASSWORD, annars skrivs det ut i serverns konsol "
                          "vid första start."),
        "wrong_password": ("Fel lösenord. {tries} försök kvar innan inloggningen från den här enheten spärras en "
                           "minut."),
        "locked_out": "För många felaktiga försök från den här enheten. Försök igen om {seconds} sekunder.",
        "locked_out_minutes": "För många felaktiga försök från den här enheten. Försök igen om {minutes} minuter.",
        "logging_in": "Loggar in …",
        "login_busy": "Inloggningen är upptagen just nu. Försök igen om en stund.",
        "login_unavailable": ("Inloggningen går inte just nu: databasen kan inte skrivas. Försök igen om en stund "
                              "eller kontakta den som driftar Spindeln."),
        "logout": "Logga ut",
        "tab_run": "Workshop och grupper",
        "tab_status": "Status",
        "tab_paper": "Pappersenkät",
        "tab_discussion": "Diskussion",
        "tab_round2": "Omgång 2",
        "tab_new": "Ny workshop",
        "state_label": "Läge",
        "results_shown": "resultatet visas för alla",
        "results_hidden": "resultatet är dolt för grupperna",
        "action_hide": "Dölj resultatet",
        "import_refused": "{file}: {reason}. Inget sparades.",
        "question_n": "Fråga {n}",
        "question_remove": "Ta bort",
        "questions_new": "Nya frågor, en per rad",
        "questions_force": "Ta bort frågor även om de har svar (svaren tas bort med dem)",
        "manage_heading": "Byt namn eller ta bort workshopen",
        "rename_title": "Workshopens titel",
        "rename_date": "Workshopens datum",
        "rename_place": "Workshopens plats",
        "rename_federation": "Workshopens förbund",
        "rename_save": "Spara namn och datum",
        "delete_help": ("En borttagen workshop hamnar i papperskorgen under Ny workshop: den syns inte längre i "
                        "listor och länkarna slutar fungera, men inget raderas och den kan tas tillbaka."),
        "delete_confirm": "Ja, flytta “{title}” till papperskorgen",
        "delete_button": "Ta bort workshopen",
        "deleted_toast": "“{title}” ligger i papperskorgen.",
        "bin_heading": "Papperskorgen",
        "restore_workshop": "Ta tillbaka",
        "state_draft": "Förberedd (formuläret är inte öppet)",
        "state_open": "Öppen för skattning",
        "state_closed": "Stängd",
        "round_label": "omgång {n}",
        "action_open": "Öppna skattningen",
        "action_reveal": "Visa resultatet",
        "action_close": "Stäng skattningen",
        "action_reopen": "Öppna igen",
        "state_help": ("Grupperna ser bara sitt eget formulär tills du visar resultatet. Att stänga skattningen "
                       "visar ingenting; det gör bara Visa resultatet. Medan resultatet visas är gruppernas skattning i omgång 1 "
                       "låst (punkterna på frågorna och omgång 2 går att spara); Dölj resultatet öppnar den igen."),
        "groups_heading": "Grupper och länkar",
        "group_name": "Gruppens namn",
        "group_party": "Medlemspart (valfritt)",
        "add_group": "Lägg till grupp",
        "group_added": "Gruppen {name} är tillagd.",
        "revoked": "länken spärrad",
        "qr_code": "QR-kod",
        "revoke": "Spärra länken",
        "restore": "Återställ länken",
        "renew_link": "Ny länk",
        "join_cards": "Utskrivbara gruppkort (PDF)",
        "join_cards_failed": "Gruppkorten kunde inte skapas just nu. Länkarna och koderna ovan fungerar; "
                             "ladda om sidan för att försöka igen.",
        "view_link_heading": "Läslänk för förbundschefer och styrelse",
        "presenter_heading": "Projektorn",
        "presenter_help": "Öppna länken på datorn som visar på duken. Före Visa resultatet syns bara hur många "
                          "grupper som har skickat in och vilka; sedan diagrammet, eller en axel i taget.",
        "timer_label": "Nedräkning, minuter",
        "timer_start": "Starta nedräkningen",
        "timer_stop": "Stoppa nedräkningen",
        "timer_left": "Tid kvar",
        "timer_done": "Tiden är ute",
        "focus_label": "På projektorn",
        "focus_all": "Hela diagrammet",
        "focus_prev": "Föregående",
        "focus_next": "Nästa",
        "presenter_count": "{done} av {total} grupper har skickat in",
        "presenter_in": "Klara: {names}",
        "presenter_none_in": "Ingen grupp har skickat in än.",
        "presenter_waiting": "Resultatet visas när processledaren väljer att visa det.",
        "presenter_values": "Gruppernas värden: {values}",
        "marks_heading": "Tecken i diagrammet",
        # what each chart shows, in words, right before it (its name for a screen reader too)
        "chart_radar": "Spindeldiagram: medelvärdet per axel för {groups} på skalan {min}–{max}, som en tjock linje "
                       "med romber, och spannet mellan lägsta och högsta skattning skuggat.",
        "chart_radar_lines": "Varje grupps linje har egen färg, linjetyp och punktform.",
        "chart_groups_one": "en grupp",
        "chart_groups_n": "{n} grupper",
        "chart_table_below": "Samma värden står i tabellen under diagrammet.",
        "chart_strip": "Punktdiagram: varje grupps skattning per axel som en punkt i gruppens färg och form, och "
                       "medelvärdet som en romb med sitt 95-procentiga konfidensintervall. Samma skattningar står i "
                       "tabellen ovanför.",
        "chart_rounds": "Spindeldiagram: medelvärdet per axel i omgång 1 (grå streckad linje med ringar) och i omgång "
                        "2 (blå heldragen linje med romber, bara på de axlar som skattades om). Förändringarna står i "
                        "tabellen under diagrammet.",
        "chart_compare": "Spindeldiagram: medelvärdet per axel för {n} workshoppar på de axlar som alla har, en linje "
                         "var med egen färg, linjetyp och punktform. Värdena står i tabellen under diagrammet.",
        "chart_party": "Spindeldiagram: medelvärdet per axel för varje medlemspart, en linje var med egen färg, "
                       "linjetyp och punktform. Värdena står i tabellen under diagrammet.",
        "nav_presenter": "Projektor",
        "nav_join": "Gå med",
        "qr_alt": "QR-kod med länken till formuläret för {group}",
        "links_localhost": "Länkarna och QR-koderna pekar på localhost, alltså den här datorn: de fungerar inte på "
                           "gruppernas telefoner. Starta Spindeln så att den lyssnar på nätverket, eller sätt "
                           "SPINDELN_PUBLIC_URL till adressen grupperna når den på.",
        "links_lan": "Länkarna pekar på den här datorns adress i nätverket, {address}. Sätt SPINDELN_PUBLIC_URL om "
                     "grupperna når Spindeln på en annan adress.",
        "join_title": "Gå med i en workshop",
        "join_help": "Skriv koden som står på ert gruppkort eller på duken.",
        "join_code_label": "Gruppens kod",
        "join_button": "Gå med",
        "join_found": "Koden {code} hör till {group}.",
        "join_open": "Öppna gruppens formulär",
        "join_wrong": "Ingen grupp har koden ”{code}”. Kontrollera den på kortet och försök igen.",
        "join_locked": "För många felaktiga koder från den här enheten. Vänta {seconds} sekunder och försök igen.",
        "join_unavailable": "Koden kan inte kontrolleras just nu. Försök igen om en stund.",
        "join_code_shown": "Kod {code} · skrivs in på {address}",
        "presenter_join": "Gå med: {address}",
        "presenter_qr_alt": "QR-kod till sidan där gruppen skriver in sin kod: {address}",
        "view_link_help": "Visar förbundets resultat och jämförelser när de är visade; kan inte ändra något.",
        "col_group": "Grupp",
        "col_status": "Status",
        "col_time": "Tid",
        "col_skipped": "Hoppade över",
        "col_entered_by": "Inmatad av",
        "status_done": "✓ Inskickad",
        "status_waiting": "Väntar",
        "entered_facilitator": "processledaren",
        "entered_group": "gruppen",
        "no_groups_yet": "Lägg till grupper under Workshop och grupper.",
        "paper_help": ("För en grupp som skattade på papper: välj gruppen, mata in värdena och spara. Raden märks "
                       "som inmatad av processledaren."),
        "paper_save": "Spara gruppens skattning",
        "paper_saved": "Skattningen för {name} är sparad.",
        "import_heading": "Läs in från fil",
        "import_help": ("CSV eller Excel: första kolumnen grupp, sedan en kolumn per axel med samma namn som i "
                        "workshopen. Tom cell = överhoppad axel. Inget sparas om filen har fel."),
        "import_label": "Fil",
        "import_button": "Läs in",
        "import_done": "{n} gruppers skattningar är inlästa.",
        "no_questions": "Workshopen har inga diskussionsfrågor.",
        "no_answers_yet": "Inga svar ännu.",
        "summary_label": "Sammanfattning",
        "summary_save": "Spara sammanfattningen",
        "edit_questions": "Ändra frågorna",
        "questions_one_per_line": "Diskussionsfrågor, en per rad",
        "round2_help": ("Efter diskussionen kan grupperna skatta valda axlar en gång till. Förslaget är de "
                        "polariserade och oeniga axlarna."),
        "round2_axes": "Axlar i omgång 2",
        "round2_open": "Öppna omgång 2",
        "round2_running": "Omgång 2 pågår för: {axes}",
        "new_heading": "Skapa en workshop",
        "new_title": "Titel",
        "new_date": "Datum",
        "date_format": "ÅÅÅÅ-MM-DD",
        "bad_date": "{field}: ”{value}” är inget datum. Skriv det som ÅÅÅÅ-MM-DD, till exempel 2026-12-01.",
        "new_place": "Plats",
        "new_federation": "Förbund",
        "new_scale": "Skala (min:max:steg)",
        "new_scale_help": "Till exempel 1:5:0.5 eller 1:7:1",
        "new_axes_help": "Axlarna: standard är de åtta från förbundsprofilen. Ändra, ta bort eller lägg till rader.",
        "axis_name_sv": "Namn (svenska)",
        "axis_name_en": "Namn (engelska)",
        "axis_desc_sv": "Beskrivning (svenska)",
        "axis_desc_en": "Beskrivning (engelska)",
        "new_created": ("Workshoppen ”{title}” är skapad och vald ovan. Lägg till grupper under Workshop och "
                        "grupper."),
        "new_create": "Skapa workshop",
        "new_bad_scale": "Skalan '{spec}' går inte att använda. Skriv min:max:steg, till exempel 1:5:0.5.",
    },
    "en": {
        # navigation
        "nav_results": "Results",
        "nav_compare": "Compare",
        "nav_appendix": "Minutes appendix",
        "nav_facilitator": "Facilitator",
        "nav_rating": "Rating",
        "nav_profile": "Federation profile",
        "nav_accessibility": "Accessibility",
        "a11y_title": "Accessibility statement for Spindeln",
        "a11y_link": "Accessibility statement (opens in a new tab)",
        "a11y_default_organisation": "The coordination federation that runs this installation",
        "a11y_intro": "{organisation} is responsible for Spindeln, the tool in which groups at a workshop rate the "
                      "federation's profile and see the results together. We want as many people as possible to be "
                      "able to use it. This statement describes how Spindeln complies with the Swedish Act "
                      "(2018:1937) on accessibility to digital public services, the accessibility problems we know "
                      "of, and how you can report shortcomings to us so that we can fix them.",
        "a11y_how_heading": "How accessible is the website?",
        "a11y_how": "The website is partially compliant with WCAG 2.1 level AA. We know that parts of it are not fully "
                    "accessible; they are described under Content that is not accessible below.",
        "a11y_cannot_heading": "What can you do if you cannot use parts of the website?",
        "a11y_cannot": "If you need content from Spindeln in another form, for example the minutes appendix as a Word "
                       "file instead of PDF, or your group's rating handed in on paper, you can contact us "
                       "{contact}. At the workshop the facilitator can also enter your group's rating for you.",
        "a11y_contact_email": "by e-mail to {email}",
        "a11y_contact_none": "through the facilitator of your workshop",
        "a11y_report_heading": "Report shortcomings in the website's accessibility",
        "a11y_report": "We keep working to improve the website's accessibility. If you find problems that are not "
                       "described on this page, or you think that we do not meet the requirements of the law, tell us "
                       "{contact} so that we know the problem exists.",
        "a11y_supervision_heading": "Supervision",
        "a11y_supervision": "The Agency for Digital Government (DIGG) supervises the Act on accessibility to digital "
                            "public services. If you are not satisfied with how we handle your comments, you can "
                            "contact DIGG and tell them, in the agency's web form: {form}",
        "a11y_technical_heading": "Technical information about the website's accessibility",
        "a11y_technical": "The website is partially compliant with the Act on accessibility to digital public "
                          "services, because of the shortcomings described below.",
        "a11y_gaps_heading": "Content that is not accessible",
        "a11y_gaps_intro": "The content described below is in one way or another not fully accessible.",
        "a11y_noncompliance_heading": "Non-compliance with the requirements",
        "a11y_gap_pdf": "The minutes appendix as PDF is not tagged: headings, paragraphs and tables have no structure "
                        "(only the diagram has a text description), so a screen reader cannot jump between the headings "
                        "or read the table as a table (WCAG 1.3.1). The library that makes the PDF (fpdf2) cannot tag "
                        "headings, paragraphs and tables. The Word file with the same content is the accessible "
                        "original, with real headings and a real table; the PDF is for printing.",
        "a11y_gap_cards": "The printable group cards (PDF) are not tagged either, and their QR codes have no text "
                          "description (WCAG 1.1.1 and 1.3.1). The link and the code are written as text on every card "
                          "and in the facilitator's view.",
        "a11y_gap_pointer": "In the diagrams a value shows when you point at a dot, and a group's line is hidden by "
                            "clicking the group in the legend; both work only with a mouse or a touch screen, not with "
                            "the keyboard (WCAG 2.1.1). The same values are in the table below the diagram, and the "
                            "switch Show the groups' lines works with the keyboard.",
        "a11y_gap_updates": "The results page, the results under a group's form and the projector's screen update by "
                            "themselves while the groups submit, and the updating cannot be paused (WCAG 2.2.2).",
        "a11y_tested_heading": "How we tested the website",
        "a11y_tested": "We test Spindeln ourselves. Automatic tests with axe-core, with the rule sets wcag2a, wcag2aa, "
                       "wcag21a and wcag21aa, run on every change (CI) on every page and in every state a user meets: "
                       "before and after a group submits, before and after the results are revealed, logged out and "
                       "in. They accept no violation. A test in a real browser rates and "
                       "comments with the keyboard only, and the pages are shown in Chromium at phone, laptop and "
                       "projector size.",
        "a11y_reviewed": "The latest assessment was made on {date}. The statement was last updated on {date}.",
        # shared
        "workshop_label": "Workshop",
        "no_workshops": "There are no workshops with revealed results yet.",
        "link_workshop_unknown": "The workshop in the address does not exist, or its results are not revealed yet. Choose "
                                 "a workshop below.",
        "choose_workshop": "Choose a workshop",
        "facilitator_workshop_unknown": "The workshop in the address does not exist (or is in the bin). Showing "
                                        "“{title}”.",
        "view_workshop_hidden": "The results of “{title}” are not revealed yet. You can see the federation's other "
                                "workshops below.",
        "no_ratings_yet": "No ratings yet.",
        "groups_submitted": "{done} of {total} groups have submitted",
        "choose_placeholder": "Choose …",
        "skip": "Skip",
        "save": "Save",
        "saved": "Saved.",
        "party_none": "No member party",
        # rating (a group's form)
        "bad_link": "This link does not work. Ask the facilitator for a new link for your group.",
        "form_not_open": ("The rating has not opened yet. This page shows the form by itself when the facilitator "
                          "starts."),
        "form_closed": "The rating is closed. Your saved answers are shown below.",
        "form_locked_revealed": "The results are shown now, so the rating is locked. You can still change and save "
                                "your points on the questions.",
        "form_round2": "Round 2: rate the axes you discussed once more.",
        "form_intro": ("For each axis choose where the federation should be, from {min} (little) to {max} (a "
                       "lot), or Skip."),
        "comment_label": "Comment (optional)",
        "comment_placeholder": "Comment (optional): one line on why",
        "follow_button": "Refresh the page",
        "live_redraw": "Redraw the results",
        "form_keyboard_hint": ("With a keyboard: Tab to an axis, the left/right arrows to a value, Enter or Space "
                               "chooses it or takes the choice back."),
        "submit_button": "Submit",
        "update_button": "Save changes",
        "unexpected_error": ("Something went wrong and the page could not be shown. Nothing already saved has "
                             "been lost. Reload the page; if the error persists, tell the facilitator."),
        "form_busy": "Many groups are submitting right now and your answers were not saved. Press the button again.",
        "form_unanswered": "Choose a value or Skip for: {axes}",
        "form_saved": ("Thank you! Your answers were saved at {time}. You can change them until the facilitator "
                       "closes the rating."),
        "form_saved_skipped": "Skipped axes: {axes}",
        "form_already_saved": "Your answers are saved. Change and save again if you wish.",
        "client_conn_title": "No contact with the server",
        "client_conn_body": ("The page cannot reach the server right now. What you have chosen and typed stays here "
                             "and the page reconnects by itself. Do not close the page."),
        "client_conn_lost": ("No connection. What you have chosen and typed stays on the page; it reconnects by "
                             "itself."),
        "client_save_sending": "Sending …",
        "client_save_slow": "Not saved yet: the server has not answered. Your choices are kept and sent again by themselves.",
        "client_save_offline": ("Not saved: no connection. Your choices stay on the page and are sent by themselves "
                                "when the connection is back."),
        "client_save_retrying": "The connection is back. Sending again …",
        "client_draft_restored": "What you chose but did not send is back in the form. Press the button to save it.",
        "form_results_heading": "Results",
        "questions_heading": "Discussion questions",
        "questions_intro": "Write the group's answers as points, one per line.",
        "answer_placeholder": "One point per line",
        "narrative_unsaved": "The text has changes that are not saved. Press “Save the text in the workshop”, or they are gone when the "
                             "page is reloaded.",
        "narrative_not_saved_visitor": "Only the facilitator can save the text. Your changes go into the files you "
                                       "download now, but are gone when the page is reloaded.",
        "answers_saved_ratings_not": "Your points on the questions were saved at {time}. The rating is not sent yet.",
        # results
        "results_title": "Results",
        "not_revealed_banner": ("The results are not revealed to the groups yet. Only you as facilitator can see "
                                "them."),
        "show_groups": "Show the groups' lines",
        "all_statistics": "Every measure per axis",
        "result_cards": "Results per axis",
        "statistics_help": ("Consensus: Tastle & Wierman (1 = all alike, 0 = split between the ends). Agreement "
                            "A: van der Eijk (1 = agreement, 0 = uniform, −1 = two camps). Dispersion D: Leik (0 "
                            "= all alike, 1 = split between the ends). CI: t-interval for the mean, clipped to "
                            "the scale."),
        "axis_detail": "Axis by axis",
        "sort_by": "Order",
        "sort_order": "As in the workshop",
        "sort_mean": "Mean",
        "sort_consensus": "Consensus",
        "choose_axis": "Choose axis",
        "metric_mean": "Mean",
        "metric_n": "Answers",
        "metric_consensus": "Consensus",
        "metric_label": "Interpretation",
        "comments_heading": "The groups' comments",
        "rounds_heading": "Round 1 and 2",
        "round2_waiting": "No answers in round 2 yet.",
        "override_heading": "Adjust interpretation",
        "override_help": "Change a label the rules gave. A changed label is marked as adjusted wherever it appears.",
        "override_rule": "By the rules: {label}",
        # compare
        "compare_title": "Compare workshops",
        "compare_need_two": "A comparison needs at least two workshops with revealed results.",
        "compare_choose": "Workshops to compare",
        "party_heading": "By member party",
        "party_none_set": "No group in this workshop has a member party set.",
        "party_too_few": "Each party has fewer than three groups, so each party's own ratings are shown. A mean and "
                         "an interpretation per party need at least three groups.",
        # appendix
        "appendix_title": "Minutes appendix",
        "narrative_label": "Summary text",
        "narrative_help": ("A draft written from the labels. Edit freely; the text goes into every format. Lines "
                           "starting with ## become headings, - become bullets and **words** become bold."),
        "narrative_help_saved": ("The text saved in the workshop. Edit freely; the text goes into every format. Lines "
                                 "starting with ## become headings, - become bullets and **words** become bold."),
        "narrative_save": "Save the text in the workshop",
        "narrative_reset": "Restore the draft",
        "downloads": "Download",
        "downloads_help": "The files are built from the text above and the workshop as it is now.",
        # federation profile
        "bad_view_link": "This link does not work. Ask the federation for a new link.",
        "not_revealed_yet": "No results are revealed yet.",
        "profile_workshop": "Workshop",
        # facilitator
        "facilitator_title": "Facilitator",
        "password_label": "Password",
        "login_button": "Log in",
        "password_help": ("The password is set with SPINDELN_ADMIN_PASSWORD; otherwise it is printed in the "
                          "server console on first start."),
        "wrong_password": ("Wrong password. {tries} tries left before logging in from this device is locked for a "
                           "minute."),
        "locked_out": "Too many wrong tries from this device. Try again in {seconds} seconds.",
        "locked_out_minutes": "Too many wrong tries from this device. Try again in {minutes} minutes.",
        "logging_in": "Logging in …",
        "login_busy": "Logging in is busy right now. Try again in a moment.",
        "login_unavailable": ("Logging in is not possible right now: the database cannot be written. Try again in "
                              "a while or contact whoever runs Spindeln."),
        "logout": "Log out",
        "tab_run": "Workshop and groups",
        "tab_status": "Status",
        "tab_paper": "Paper form",
        "tab_discussion": "Discussion",
        "tab_round2": "Round 2",
        "tab_new": "New workshop",
        "state_label": "State",
        "results_shown": "the results are shown to everyone",
        "results_hidden": "the results are hidden from the groups",
        "action_hide": "Hide the results",
        "import_refused": "{file}: {reason}. Nothing was saved.",
        "question_n": "Question {n}",
        "question_remove": "Remove",
        "questions_new": "New questions, one per line",
        "questions_force": "Remove questions even if they have answers (the answers go with them)",
        "manage_heading": "Rename or delete the workshop",
        "rename_title": "The workshop's title",
        "rename_date": "The workshop's date",
        "rename_place": "The workshop's place",
        "rename_federation": "The workshop's federation",
        "rename_save": "Save name and date",
        "delete_help": ("A deleted workshop goes to the bin under New workshop: it leaves every list and its "
                        "links stop working, but nothing is erased and it can be brought back."),
        "delete_confirm": "Yes, move “{title}” to the bin",
        "delete_button": "Delete the workshop",
        "deleted_toast": "“{title}” is in the bin.",
        "bin_heading": "Bin",
        "restore_workshop": "Restore",
        "state_draft": "Prepared (the form is not open)",
        "state_open": "Open for rating",
        "state_closed": "Closed",
        "round_label": "round {n}",
        "action_open": "Open the rating",
        "action_reveal": "Reveal the results",
        "action_close": "Close the rating",
        "action_reopen": "Reopen",
        "state_help": ("Groups only see their own form until you reveal the results. Closing the rating reveals "
                       "nothing; only Reveal the results does. While the results show, the groups' round 1 ratings are locked "
                       "(points on the questions and round 2 can be saved); Hide the results opens them again."),
        "groups_heading": "Groups and links",
        "group_name": "Group name",
        "group_party": "Member party (optional)",
        "add_group": "Add group",
        "group_added": "The group {name} was added.",
        "revoked": "link revoked",
        "qr_code": "QR code",
        "revoke": "Revoke link",
        "restore": "Restore link",
        "renew_link": "New link",
        "join_cards": "Printable group cards (PDF)",
        "join_cards_failed": "The group cards could not be made just now. The links and codes above work; "
                             "reload the page to try again.",
        "view_link_heading": "Read-only link for chiefs and board",
        "presenter_heading": "The projector",
        "presenter_help": "Open the link on the computer that shows on the screen. Before Reveal the results it "
                          "shows only how many groups have submitted and which; then the diagram, or one axis at a time.",
        "timer_label": "Countdown, minutes",
        "timer_start": "Start the countdown",
        "timer_stop": "Stop the countdown",
        "timer_left": "Time left",
        "timer_done": "Time is up",
        "focus_label": "On the projector",
        "focus_all": "The whole diagram",
        "focus_prev": "Previous",
        "focus_next": "Next",
        "presenter_count": "{done} of {total} groups have submitted",
        "presenter_in": "Done: {names}",
        "presenter_none_in": "No group has submitted yet.",
        "presenter_waiting": "The results show when the facilitator chooses to show them.",
        "presenter_values": "The groups' values: {values}",
        "marks_heading": "Marks in the diagram",
        "chart_radar": "Spider diagram: the mean per axis for {groups} on the scale {min}–{max}, as a thick line with "
                       "diamonds, and the span between the lowest and highest rating shaded.",
        "chart_radar_lines": "Each group's line has its own colour, line style and marker.",
        "chart_groups_one": "one group",
        "chart_groups_n": "{n} groups",
        "chart_table_below": "The same values are in the table below the diagram.",
        "chart_strip": "Dot plot: each group's rating per axis as a dot in the group's colour and shape, and the mean "
                       "as a diamond with its 95% confidence interval. The same ratings are in the table above.",
        "chart_rounds": "Spider diagram: the mean per axis in round 1 (grey dashed line with circles) and in round 2 "
                        "(blue solid line with diamonds, only on the axes rated again). The changes are in the table "
                        "below the diagram.",
        "chart_compare": "Spider diagram: the mean per axis for {n} workshops on the axes they all have, one line each "
                         "with its own colour, line style and marker. The values are in the table below the diagram.",
        "chart_party": "Spider diagram: the mean per axis for each member party, one line each with its own colour, "
                       "line style and marker. The values are in the table below the diagram.",
        "nav_presenter": "Projector",
        "nav_join": "Join",
        "qr_alt": "QR code with the link to the form of {group}",
        "links_localhost": "The links and QR codes point at localhost, that is this computer: they do not work on "
                           "the groups' phones. Start Spindeln listening on the network, or set SPINDELN_PUBLIC_URL "
                           "to the address the groups reach it at.",
        "links_lan": "The links point at this computer's address in the network, {address}. Set SPINDELN_PUBLIC_URL "
                     "if the groups reach Spindeln at another address.",
        "join_title": "Join a workshop",
        "join_help": "Type the code on your group's card or on the screen.",
        "join_code_label": "Your group's code",
        "join_button": "Join",
        "join_found": "The code {code} belongs to {group}.",
        "join_open": "Open your group's form",
        "join_wrong": "No group has the code “{code}”. Check it on the card and try again.",
        "join_locked": "Too many wrong codes from this device. Wait {seconds} seconds and try again.",
        "join_unavailable": "The code cannot be checked right now. Try again in a moment.",
        "join_code_shown": "Code {code} · typed in at {address}",
        "presenter_join": "Join: {address}",
        "presenter_qr_alt": "QR code to the page where a group types its code: {address}",
        "view_link_help": "Shows the federation's results and comparisons once revealed; cannot change anything.",
        "col_group": "Group",
        "col_status": "Status",
        "col_time": "Time",
        "col_skipped": "Skipped",
        "col_entered_by": "Entered by",
        "status_done": "✓ Submitted",
        "status_waiting": "Waiting",
        "entered_facilitator": "the facilitator",
        "entered_group": "the group",
        "no_groups_yet": "Add groups under Workshop and groups.",
        "paper_help": ("For a group that rated on paper: choose the group, enter the values and save. The row is "
                       "marked as entered by the facilitator."),
        "paper_save": "Save the group's rating",
        "paper_saved": "The rating for {name} is saved.",
        "import_heading": "Import from a file",
        "import_help": ("CSV or Excel: first column group, then one column per axis named as in the workshop. "
                        "Empty cell = skipped axis. Nothing is saved if the file has an error."),
        "import_label": "File",
        "import_button": "Import",
        "import_done": "Ratings of {n} groups were imported.",
        "no_questions": "The workshop has no discussion questions.",
        "no_answers_yet": "No answers yet.",
        "summary_label": "Summary",
        "summary_save": "Save the summary",
        "edit_questions": "Edit the questions",
        "questions_one_per_line": "Discussion questions, one per line",
        "round2_help": ("After the discussion the groups can rate chosen axes again. The suggestion is the "
                        "polarised and disagreeing axes."),
        "round2_axes": "Axes in round 2",
        "round2_open": "Open round 2",
        "round2_running": "Round 2 is running for: {axes}",
        "new_heading": "Create a workshop",
        "new_title": "Title",
        "new_date": "Date",
        "date_format": "YYYY-MM-DD",
        "bad_date": "{field}: “{value}” is not a date. Write it as YYYY-MM-DD, for example 2026-12-01.",
        "new_place": "Place",
        "new_federation": "Federation",
        "new_scale": "Scale (min:max:step)",
        "new_scale_help": "For example 1:5:0.5 or 1:7:1",
        "new_axes_help": "The axes: the default is the eight of the federation profile. Change, delete or add rows.",
        "axis_name_sv": "Name (Swedish)",
        "axis_name_en": "Name (English)",
        "axis_desc_sv": "Description (Swedish)",
        "axis_desc_en": "Description (English)",
        "new_created": ("The workshop “{title}” was created and is chosen above. Add groups under Workshop and "
                        "groups."),
        "new_create": "Create workshop",
        "new_bad_scale": "The scale '{spec}' cannot be used. Write min:max:step, for example 1:5:0.5.",
    },
}
