"""French request fragments: the shared frame and every category's pools (as in the English)."""

from __future__ import annotations

from .hotline_texts_en import clip, join
from .hotline_texts_zh import P

FRAME = {
    **P(
        where="sur {road}, près du numéro {lane}"
        "|devant l'immeuble {building} de la résidence {community}|près de {landmark}"
        "|au croisement de {road} et {road2}|dans la résidence {community}, bâtiment {building}"
        "|à l'arrêt de bus de {road}|en face de {landmark}|dans la ruelle {lane} de {road}",
        head="{what} {where}|{where}, {what}|J'habite {where} et {what}|Bonjour, {what} {where}"
        "|Je vous signale que {what} {where}",
        since="C'est comme ça depuis {days} jours|Ça a commencé la semaine dernière"
        "|Cela dure depuis {months} mois|Je l'ai remarqué ce matin"
        "|Personne ne fait rien depuis des semaines"
        "|J'ai déjà appelé l'an dernier pour la même chose|Depuis environ {weeks} semaines",
        also="Par ailleurs, {what}|Autre chose : {what}|En plus, {what}",
        open="Bonjour|Bonjour, je souhaite signaler un problème|Madame, Monsieur"
        "|Bonjour, je suis un résident étranger|Excusez-moi de vous déranger",
        thanks="Merci|Merci d'avance|Merci beaucoup|Merci de votre aide"
        "|J'espère que cela sera réglé rapidement, merci|Dans l'attente de votre réponse",
        suggest="Je suggère des contrôles plus réguliers|Un panneau serait utile"
        "|Une solution durable serait la bienvenue"
        "|Merci de consulter les habitants avant de changer",
        consult="Quel service est compétent ?|Que dois-je faire ?"
        "|Existe-t-il une règle à ce sujet ?|Qui puis-je contacter ?",
        praise="J'avais signalé que {what} et c'était réglé le lendemain, bravo"
        "|La dernière fois {what} ; vos agents sont venus très vite, merci"
        "|Je tiens à féliciter l'équipe : {what} et cela a été traité vite et bien",
        title_where="{title} sur {road}|{title} dans la résidence {community}"
        "|{title} près de {landmark}",
        reply="Bonjour, nous avons bien reçu votre demande. {fix}. Merci de votre signalement."
        "|Après vérification sur place, {fix}. N'hésitez pas à rappeler si le problème revient."
        "|Madame, Monsieur, {fix}. Merci de votre patience.",
        shop="restaurant {trade}|supermarché {trade}|salle de sport {trade}"
        "|salon de coiffure {trade}|boulangerie {trade}|pressing {trade}|fondue {trade}",
        company="société {trade} Technologies|société commerciale {trade}"
        "|société de logistique {trade}|entreprise de construction {trade}",
    ),
    "title_kind": {
        "complaint": ("Plainte : {title}", "Réclamation concernant {title}"),
        "report": ("Signalement : {title}", "{title} - à réparer"),
        "consultation": ("Question : {title}", "Renseignement sur {title}"),
        "help": ("Demande d'aide : {title}", "Besoin d'aide - {title}"),
        "suggestion": ("Suggestion : {title}", "Une suggestion sur {title}"),
        "praise": ("Merci : {title} réglé rapidement", "Félicitations pour {title}"),
    },
    "join": join,
    "clip": clip,
}

FRAGMENTS = {
    "road-damage": P(
        title="nid-de-poule|trottoir abîmé|plaque d'égout manquante|chaussée effondrée"
        "|piste cyclable dégradée",
        what="il y a un gros nid-de-poule sur la chaussée|les dalles du trottoir sont descellées"
        "|une plaque d'égout a disparu|une partie de la chaussée s'est affaissée"
        "|la piste cyclable est pleine de trous|le bitume est fissuré sur toute la largeur",
        detail="Le trou fait environ {nn} cm|Il n'y a aucun panneau"
        "|Quand il pleut on ne voit plus le trou",
        impact="Un scooter a failli tomber|Une dame âgée a trébuché hier"
        "|Impossible de passer avec une poussette",
        ask="Merci d'envoyer quelqu'un pour réparer|Pouvez-vous au moins mettre une barrière",
        fix="l'équipe d'entretien a réparé la chaussée|la plaque d'égout a été remplacée",
    ),
    "streetlight": P(
        title="lampadaire éteint|éclairage public en panne|lampadaire allumé le jour"
        "|lampadaire qui clignote",
        what="le lampadaire est éteint|{n} lampadaires d'affilée ne fonctionnent plus"
        "|le lampadaire clignote sans arrêt|le lampadaire reste allumé toute la journée"
        "|le poteau d'éclairage penche dangereusement|la rue est complètement noire la nuit",
        detail="Le numéro sur le poteau est {pole}|Je suis passé vers {hour} h du soir",
        impact="On ne se sent pas en sécurité le soir|Les personnes âgées risquent de tomber",
        ask="Merci de réparer l'éclairage|Pouvez-vous vérifier le câblage",
        fix="la lampe a été remplacée et l'éclairage fonctionne|le défaut électrique a été réparé",
    ),
    "illegal-parking": P(
        title="stationnement illégal|voitures sur le trottoir|voie pompiers bloquée"
        "|voiture abandonnée",
        what="des voitures sont garées sur le trottoir tous les jours"
        "|la voie pompiers est bloquée par des voitures"
        "|une voiture abandonnée n'a pas bougé depuis des mois"
        "|une camionnette bloque l'entrée de la résidence",
        detail="La plaque commence par 沪A|Les pneus sont à plat|Il y a un parking juste à côté",
        impact="Les piétons doivent marcher sur la route|Une ambulance n'a pas pu passer",
        ask="Merci d'envoyer la police de la circulation|Merci de faire enlever la voiture",
        fix="la police de la circulation a verbalisé les véhicules"
        "|le propriétaire a déplacé sa voiture",
    ),
    "public-transport": P(
        title="bus trop rares|bus qui ne s'arrête pas|sortie de métro fermée"
        "|chauffeur de bus impoli",
        what="le bus {bus} n'est pas passé pendant quarante minutes"
        "|le bus {bus} ne s'arrête souvent pas|le chauffeur freine très brutalement"
        "|la sortie {n} du métro est fermée depuis des semaines|l'arrêt de bus n'a pas d'abri",
        detail="L'arrêt est sur {road}|Le bus est tellement plein qu'on ne peut pas monter",
        impact="J'arrive souvent en retard au travail|Mes enfants doivent prendre un taxi",
        ask="Merci d'ajouter des bus|Merci de mieux former les chauffeurs",
        fix="la compagnie a rappelé le chauffeur à l'ordre"
        "|la fréquence aux heures de pointe a été augmentée",
    ),
    "noise": P(
        title="nuisances sonores|musique forte d'un commerce|bruit de danse de place"
        "|bruit de climatiseur",
        what="le magasin d'en bas met de la musique très fort toute la journée"
        "|la musique de la danse sur la place est très forte"
        "|le bar passe de la musique jusque tard dans la nuit"
        "|un climatiseur bourdonne toute la nuit"
        "|le supermarché décharge des camions bruyamment la nuit",
        detail="Ça dure jusqu'après {hour} h du soir|Ça commence à {early} h du matin"
        "|On l'entend fenêtres fermées",
        impact="Mon bébé se réveille sans arrêt"
        "|Je travaille de nuit et je ne peux pas dormir le jour",
        ask="Merci de venir mesurer le bruit|Merci de demander au commerce d'arrêter",
        fix="les inspecteurs ont mesuré le bruit et exigé une réduction"
        "|les organisateurs ont baissé le volume",
    ),
    "air-pollution": P(
        title="fumées de cuisine|mauvaise odeur|fumée de barbecue|déchets brûlés",
        what="les fumées du restaurant entrent directement par nos fenêtres"
        "|le stand de barbecue fait énormément de fumée"
        "|quelqu'un brûle des déchets dans l'espace vert"
        "|il y a une forte odeur chimique dans le quartier",
        detail="Le conduit est juste sous notre fenêtre du {floor}e étage"
        "|C'est pire à l'heure du dîner",
        impact="On ne peut pas ouvrir les fenêtres|Mon père est asthmatique",
        ask="Merci de contrôler les émissions|Merci d'imposer un filtre",
        fix="le restaurant doit nettoyer et entretenir son filtre à fumées|le brûlage a été arrêté",
    ),
    "construction-site": P(
        title="chantier de nuit|poussière de chantier|camions qui perdent de la terre"
        "|palissade tombée",
        what="le chantier travaille tard dans la nuit|on enfonce des pieux au milieu de la nuit"
        "|le chantier fait beaucoup de poussière"
        "|les camions de terre en perdent tout le long de la rue"
        "|une partie de la palissade du chantier est tombée",
        detail="Ils coulaient du béton à {hour} h du soir|Le panneau indique {company}",
        impact="Impossible de dormir|Nos sols sont couverts de poussière",
        ask="Merci de vérifier leur autorisation de travail de nuit"
        "|Merci de faire arroser le chantier",
        fix="l'entreprise doit cesser le travail de nuit sans autorisation"
        "|le chantier arrose désormais le sol",
    ),
    "water-supply": P(
        title="coupure d'eau|pression d'eau faible|eau du robinet jaune|canalisation éclatée",
        what="nous n'avons plus d'eau|la pression de l'eau est très faible"
        "|l'eau du robinet est jaune|une canalisation a éclaté dans la rue"
        "|l'eau a été coupée sans prévenir",
        detail="Nous habitons au {floor}e étage|Les voisins ont le même problème",
        impact="Impossible de cuisiner ou de se doucher|Nous n'osons pas la boire",
        ask="Merci de rétablir l'eau|Merci d'analyser la qualité de l'eau",
        fix="la compagnie des eaux a réparé la canalisation"
        "|l'eau a été analysée et elle est conforme",
    ),
    "drainage": P(
        title="rue inondée|égout bouché|débordement d'eaux usées|eau dans l'immeuble",
        what="le carrefour est inondé à chaque pluie|l'égout est bouché"
        "|l'eau de pluie entre dans la cage d'escalier|des eaux usées sortent d'une bouche d'égout",
        detail="L'eau monte jusqu'aux mollets|Ça sent très mauvais",
        impact="Les appartements du rez-de-chaussée sont inondés",
        ask="Merci de déboucher l'égout|Merci de pomper l'eau",
        fix="l'égout a été débouché|des pompes ont évacué l'eau",
    ),
    "gas": P(
        title="odeur de gaz|fuite de gaz|gaz coupé|compteur de gaz anormal",
        what="il y a une forte odeur de gaz dans l'escalier"
        "|je crois qu'il y a une fuite de gaz dans ma cuisine|le gaz est coupé"
        "|le compteur de gaz tourne très vite",
        detail="J'ai fermé le robinet|Les fenêtres sont ouvertes",
        impact="Nous avons peur d'une explosion|Nous ne pouvons pas cuisiner",
        ask="Merci d'envoyer quelqu'un tout de suite|Merci de vérifier la conduite",
        fix="l'équipe d'urgence gaz a réparé la fuite|le gaz a été rétabli après contrôle",
    ),
    "property-management": P(
        title="ascenseur en panne|syndic inactif|frais de parking|portail cassé"
        "|personne bloquée dans l'ascenseur",
        what="l'ascenseur est encore en panne"
        "|quelqu'un est resté bloqué dans l'ascenseur et le syndic a mis des heures"
        "|le syndic ignore toutes nos plaintes"
        "|le portail de la résidence est cassé depuis des semaines"
        "|le toit fuit et le syndic refuse de réparer",
        detail="C'est l'ascenseur du bâtiment {building}"
        "|Il est tombé en panne {n} fois cette année",
        impact="Les personnes âgées doivent monter à pied|N'importe qui peut entrer",
        ask="Merci d'obliger le syndic à agir|Merci de vérifier si les frais sont légaux",
        fix="le bureau du logement a fixé un délai au syndic|l'ascenseur a été réparé et contrôlé",
    ),
    "fire-hazard": P(
        title="vélos électriques rechargés dans le couloir|sortie de secours bloquée"
        "|extincteurs périmés",
        what="des gens rechargent leurs vélos électriques dans le couloir"
        "|la cage d'escalier est encombrée|un câble pend d'une fenêtre pour recharger un scooter"
        "|la sortie de secours est bloquée|les extincteurs sont périmés",
        detail="C'est dans l'escalier du {floor}e étage|Ils rechargent tous les soirs",
        impact="En cas d'incendie personne ne pourra sortir",
        ask="Merci d'envoyer les pompiers|Merci de faire dégager le couloir",
        fix="les pompiers ont inspecté l'immeuble et fait dégager le couloir",
    ),
    "neighbourhood-dispute": P(
        title="fuite chez le voisin du dessus|voisin qui encombre le couloir|conflit de voisinage",
        what="l'eau fuit de l'appartement du dessus chez moi"
        "|mon voisin utilise le couloir commun comme débarras"
        "|le voisin a installé une grille dans le couloir commun"
        "|les voisins du dessus font du bruit à minuit",
        detail="Nous leur avons parlé plusieurs fois|Cela dure depuis {months} mois",
        impact="Le plafond moisit|Nous nous disputons tous les jours",
        ask="Le comité de quartier pourrait-il faire une médiation ?"
        "|Aidez-nous à trouver une solution",
        fix="l'agent de quartier est passé et les deux parties se sont mises d'accord",
    ),
    "elderly-help": P(
        title="repas pour une personne âgée|personne âgée isolée|aide à domicile|barres d'appui",
        what="ma mère marche mal et a besoin de repas livrés"
        "|une voisine âgée vivant seule n'est pas sortie depuis des jours"
        "|je voudrais une aide à domicile pour mon père"
        "|mon grand-père a besoin d'un bouton d'appel d'urgence",
        detail="Elle a {age} ans|Il vit seul au {floor}e étage",
        impact="Nous avons peur qu'il arrive quelque chose",
        ask="La communauté pourrait-elle passer la voir ?|Comment faire la demande ?",
        fix="l'agent de quartier est passé et a enregistré la demande de repas",
    ),
    "compound-sanitation": P(
        title="poubelles qui débordent|tri des déchets|local poubelles qui sent mauvais"
        "|rats dans la résidence",
        what="les poubelles de la résidence débordent"
        "|les déchets s'entassent devant le local poubelles"
        "|des gravats ont été jetés dans le jardin|il y a beaucoup de rats dans la résidence",
        detail="Ça sent très mauvais avec la chaleur|Rien n'a été ramassé depuis {days} jours",
        impact="Les enfants jouent juste à côté",
        ask="Merci de demander au syndic de nettoyer|Merci de ramasser plus souvent",
        fix="le syndic a fait enlever les déchets|une dératisation a été organisée",
    ),
    "pets-animals": P(
        title="chien sans laisse|chien errant|chien qui aboie|crottes de chien",
        what="des gens promènent leur chien sans laisse"
        "|un chien errant a mordu quelqu'un à l'entrée|le chien du voisin aboie toute la nuit"
        "|la pelouse est couverte de crottes de chien",
        detail="Le chien n'a pas de muselière|C'est un enfant qui a été mordu",
        impact="Les enfants ont peur de sortir",
        ask="Merci d'envoyer la police|Le chien est-il enregistré ?",
        fix="la police a rencontré le propriétaire du chien|le chien errant a été placé en refuge",
    ),
    "food-safety": P(
        title="aliments périmés|restaurant sale|intoxication alimentaire|cheveu dans le plat",
        what="j'ai acheté du lait périmé au {shop}|j'ai trouvé un cheveu dans mon plat au {shop}"
        "|toute la famille a été malade après une livraison de repas"
        "|la cuisine du restaurant est très sale",
        detail="J'ai gardé le ticket|J'ai des photos",
        impact="Mon enfant a été malade toute la nuit",
        ask="Merci d'inspecter ce commerce|Je demande un dédommagement",
        fix="les inspecteurs ont retiré les produits périmés et ouvert un dossier",
    ),
    "consumer-dispute": P(
        title="remboursement de carte prépayée|refus de remboursement|salle de sport fermée"
        "|publicité mensongère",
        what="le {shop} a fermé et ma carte prépayée n'est pas remboursée"
        "|le magasin refuse de me rembourser"
        "|l'appareil acheté est tombé en panne et le magasin refuse de le réparer"
        "|l'entreprise de rénovation a pris mon argent et n'a jamais commencé",
        detail="Il reste {money} yuans sur la carte|Des dizaines de personnes sont dans mon cas",
        impact="C'étaient mes économies|Je me sens escroqué",
        ask="Aidez-moi à récupérer mon argent|Merci de faire une médiation",
        fix="le commerce a accepté de rembourser le solde après médiation",
    ),
    "medicines": P(
        title="faux médicament|antibiotiques sans ordonnance|médicament trop cher",
        what="la pharmacie vend des antibiotiques sans ordonnance"
        "|le médicament acheté semble contrefait|la pharmacie vend des médicaments périmés",
        detail="Le numéro de lot est introuvable|Une boîte coûte {money} yuans",
        impact="J'ai peur des effets secondaires",
        ask="Merci de contrôler la pharmacie",
        fix="les inspecteurs ont contrôlé la pharmacie et exigé des corrections",
    ),
    "tourism-culture": P(
        title="achats forcés en voyage organisé|remboursement de concert|mineurs dans un cybercafé",
        what="l'agence de voyage nous a forcés à faire des achats"
        "|le concert a été annulé sans remboursement|le cybercafé laisse entrer des mineurs",
        detail="L'agence est la {company}|Nous avons payé {money} yuans",
        impact="Le voyage a été gâché",
        ask="Merci de contrôler l'agence|Aidez-nous à être remboursés",
        fix="l'agence doit rembourser les frais|le cybercafé a été sanctionné",
    ),
    "wage-arrears": P(
        title="salaires impayés|salaire non versé|heures supplémentaires impayées",
        what="mon entreprise ne m'a pas payé depuis {months} mois"
        "|le patron du chantier doit nos salaires aux ouvriers"
        "|l'entreprise refuse de payer mon dernier salaire"
        "|l'entreprise ne paie jamais les heures supplémentaires",
        detail="On me doit {money} yuans|Nous sommes {nn} dans ce cas",
        impact="Je ne peux plus payer mon loyer",
        ask="Aidez-nous à être payés|Où puis-je saisir l'arbitrage du travail ?",
        fix="l'inspection du travail a convoqué l'employeur et les salaires ont été versés",
    ),
    "social-insurance": P(
        title="pension de retraite|cotisations sociales|départ à la retraite"
        "|transfert de sécurité sociale",
        what="je voudrais savoir comment faire ma demande de retraite"
        "|le transfert de ma sécurité sociale est bloqué"
        "|mon employeur ne paie pas mes cotisations sociales"
        "|ma pension n'est pas arrivée ce mois-ci",
        detail="J'ai cotisé {n} ans dans une autre province",
        impact="J'ai peur pour ma retraite",
        ask="Merci de m'expliquer la procédure|Quels documents faut-il ?",
        fix="la procédure et les pièces ont été expliquées par téléphone",
    ),
    "medical-insurance": P(
        title="remboursement assurance maladie|carte d'assurance maladie refusée"
        "|soins dans une autre ville",
        what="comment me faire rembourser une hospitalisation dans une autre ville"
        "|ma carte d'assurance maladie ne marche pas à la pharmacie"
        "|l'hôpital dit que ce médicament n'est pas remboursé",
        detail="La facture de l'hôpital est de {money} yuans",
        impact="Les frais sont trop lourds pour nous",
        ask="Merci d'expliquer la procédure de remboursement",
        fix="la démarche en ligne a été expliquée|le statut de la carte a été corrigé",
    ),
    "health-services": P(
        title="impossible d'avoir un rendez-vous|médecin désagréable|attente à l'hôpital"
        "|facturation erronée",
        what="impossible d'obtenir un rendez-vous à l'hôpital"
        "|le médecin m'a reçu moins de deux minutes|j'ai attendu {n} heures à l'hôpital"
        "|l'hôpital m'a facturé deux fois le même examen",
        detail="C'est l'hôpital près de {landmark}",
        impact="Les malades souffrent en attendant",
        ask="Merci d'enquêter sur cet hôpital|Merci de rembourser le trop-perçu",
        fix="la commission de la santé a demandé à l'hôpital d'enquêter et de s'excuser",
    ),
    "education": P(
        title="inscription scolaire|secteur scolaire|remboursement de cours particuliers"
        "|garderie périscolaire",
        what="mon enfant entre à l'école primaire l'an prochain et j'ai des questions sur"
        " l'inscription|le secteur scolaire de notre résidence a changé"
        "|le centre de soutien scolaire a pris un an de frais"
        "|la garderie après l'école finit trop tôt",
        detail="Nous sommes domiciliés à {district}|Mon enfant est en {n}e année",
        impact="Les parents sont très inquiets",
        ask="Merci de m'indiquer les règles",
        fix="le bureau de l'éducation a expliqué les dates et les pièces d'inscription",
    ),
    "housing-fund": P(
        title="retrait du fonds logement|prêt du fonds logement|cotisations au fonds logement",
        what="puis-je retirer mon fonds de prévoyance logement pour payer le loyer"
        "|comment est calculé le plafond du prêt du fonds logement"
        "|mon employeur ne cotise pas à mon fonds logement",
        detail="Je cotise {money} yuans par mois",
        impact="J'ai besoin de cet argent pour l'apport",
        ask="Merci de m'indiquer la démarche|Est-ce possible en ligne ?",
        fix="la démarche de retrait en ligne pour les locataires a été expliquée",
    ),
    "business-policy": P(
        title="aides aux entreprises|réduction de loyer pour PME|déduction des frais de R&D",
        what="notre société peut-elle demander l'aide au maintien de l'emploi"
        "|existe-t-il une réduction de loyer pour les petites entreprises"
        "|comment fonctionne la déduction des dépenses de R&D"
        "|y a-t-il une subvention pour un premier magasin",
        detail="Notre société est la {company}|Nous avons {nn} salariés",
        impact="Les textes sont difficiles à comprendre",
        ask="Un conseiller pourrait-il nous expliquer ?|Comment déposer la demande ?",
        fix="un conseiller a appelé l'entreprise et expliqué les mesures applicables",
    ),
    "business-financing": P(
        title="prêt pour une petite entreprise|difficultés de financement|prêt garanti"
        "|rencontre avec des investisseurs",
        what="notre entreprise a besoin d'un prêt de trésorerie"
        "|les banques refusent les prêts aux petites entreprises"
        "|nous voulons savoir comment fonctionne la garantie publique de prêt"
        "|la banque veut récupérer son prêt plus tôt",
        detail="Il nous faut environ {money} mille yuans",
        impact="La trésorerie est très tendue",
        ask="Merci de nous mettre en relation avec une banque",
        fix="l'entreprise a été présentée aux banques partenaires et au fonds de garantie",
    ),
    "business-legal": P(
        title="litige contractuel|marque déposée par un tiers|litige avec un salarié"
        "|litige de bail",
        what="nous avons un litige contractuel avec un fournisseur"
        "|quelqu'un a déposé notre marque avant nous|un ancien salarié veut poursuivre l'entreprise"
        "|le bailleur veut reprendre le local plus tôt",
        detail="Le montant est de {money} yuans",
        impact="Cela perturbe notre activité",
        ask="Un avocat pourrait-il nous conseiller ?",
        fix="un avocat bénévole a conseillé l'entreprise"
        "|le litige a été orienté vers la médiation commerciale",
    ),
}
