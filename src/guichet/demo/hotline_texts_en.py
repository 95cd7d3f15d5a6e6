"""English request fragments: the shared frame and every category's pools.

"what" fragments are clauses ("the street light is out"); the others are sentences without
their final stop. ``join`` capitalises and punctuates.
"""

from __future__ import annotations

import random

from .hotline_texts_zh import P

STOPS = ".!?"


def join(rng: random.Random, parts: list[str]) -> str:
    sentences = []
    for part in parts:
        part = part[:1].upper() + part[1:]
        sentences.append(
            part if part[-1] in STOPS else part + ("!" if rng.random() < 0.06 else ".")
        )
    return " ".join(sentences)


def clip(what: str) -> str:
    return what.split(",")[0][:70]


FRAME = {
    **P(
        where="on {road} near No. {lane}|outside building {building} of {community}|near {landmark}"
        "|at the corner of {road} and {road2}|in {community}, building {building}"
        "|by the bus stop on {road}|opposite {landmark}|in Lane {lane}, {road}"
        "|in our compound on {road}",
        head="{what} {where}|{where}, {what}|I live {where} and {what}|Hello, {what} {where}"
        "|Just to report that {what} {where}",
        since="It has been like this for {days} days|This started last week"
        "|It has been going on for {months} months|I noticed it this morning"
        "|Nobody has done anything for weeks|I already called about this last year"
        "|For about {weeks} weeks now|It started last night",
        also="Also, {what}|And another thing: {what}|On top of that, {what}",
        open="Hello|Hi, I would like to report something|Good morning|Dear 12345 team"
        "|Hello, I am a foreign resident here|Sorry to bother you",
        thanks="Thank you|Thanks in advance|Many thanks|Thank you for your help"
        "|I hope this can be fixed soon, thank you|Looking forward to your reply",
        suggest="I suggest more regular inspections|Perhaps a sign could be put up"
        "|A long-term solution would really help|Please ask the residents before changing things",
        consult="Which department is responsible for this?|What should I do?"
        "|Are there any rules about this?|Who can I contact about it?",
        praise="I reported that {what} and it was fixed the next day, great work"
        "|Last time {what}; your staff came very quickly, thank you"
        "|I want to praise the team: {what} and it was handled fast and well",
        title_where="{title} on {road}|{title} in {community}|{title} near {landmark}",
        reply="Hello, we have received your request. {fix}. Thank you for letting us know."
        "|After checking on site, {fix}. Please call again if the problem comes back."
        "|Dear resident, {fix}. Thank you for your patience.",
        shop="{trade} Restaurant|{trade} Supermarket|{trade} Noodle House|{trade} Gym"
        "|{trade} Hair Salon|{trade} Hotpot|{trade} Bubble Tea|{trade} Bakery|{trade} Dry Cleaner",
        company="{trade} Technology Co., Ltd.|{trade} Trading Co., Ltd.|{trade} Logistics Co., Ltd."
        "|{trade} Construction Co., Ltd.|{trade} Catering Co., Ltd.",
    ),
    "title_kind": {
        "complaint": ("Complaint: {title}", "Complaint about {title}"),
        "report": ("Report: {title}", "{title} - please fix"),
        "consultation": ("Question: {title}", "Question about {title}"),
        "help": ("Help needed: {title}", "Request for help - {title}"),
        "suggestion": ("Suggestion: {title}", "A suggestion about {title}"),
        "praise": ("Thanks: {title} fixed quickly", "Praise for the {title} team"),
    },
    "join": join,
    "clip": clip,
}

FRAGMENTS = {
    "road-damage": P(
        title="pothole|broken pavement|missing manhole cover|road surface collapsed"
        "|damaged cycle lane",
        what="there is a big pothole in the road|the pavement tiles are loose and tilting"
        "|a manhole cover is missing|part of the road surface has sunk"
        "|the cycle lane is full of holes|the asphalt has cracked wide open"
        "|the kerb stone is broken and sharp",
        detail="The hole is about {nn} cm across|There is no warning sign at all"
        "|When it rains you cannot see the hole|It is right next to the bus stop",
        impact="A scooter rider almost fell|An elderly lady tripped there yesterday"
        "|Pushing a pram is impossible|Cyclists have to swerve into the traffic",
        ask="Please send someone to repair it|Could you at least put up a warning sign"
        "|Please fix it properly this time",
        fix="the road maintenance team has repaired the damaged surface"
        "|the missing manhole cover has been replaced"
        "|a barrier was put up and the repair will be done within {n} days",
    ),
    "streetlight": P(
        title="street light out|broken street lamp|street light on during the day"
        "|flickering street light",
        what="the street light is out|{n} street lights in a row are not working"
        "|the street lamp keeps flickering|the street light stays on all day"
        "|the lamp post is leaning badly|the whole street is pitch dark at night",
        detail="The number on the pole is {pole}|It is the {n}th pole from the crossing"
        "|I passed by around {hour} pm|The lights on the other side work fine",
        impact="It feels unsafe walking home at night|Elderly people could easily fall"
        "|Cyclists cannot see the road",
        ask="Please repair the light|Please restore the lighting as soon as possible"
        "|Could someone check the wiring",
        fix="the broken lamp has been replaced and the light works again"
        "|the wiring fault has been repaired|the leaning pole has been straightened and secured",
    ),
    "illegal-parking": P(
        title="illegal parking|car parked on the pavement|fire lane blocked by cars|abandoned car",
        what="cars are parked on the pavement every day|the fire lane is blocked by parked cars"
        "|an abandoned car has not moved for months|taxis park illegally at the crossing"
        "|a van blocks the entrance of our compound"
        "|someone put a private lock on a public parking space",
        detail="The plate starts with 沪A|They arrive around {early} am"
        "|The tyres are flat and it is covered in dust|There is a car park just around the corner",
        impact="Pedestrians have to walk on the road|An ambulance could not get in"
        "|The bus cannot reach the stop",
        ask="Please ask the traffic police to come|Please tow the car away"
        "|Please put up a no-parking sign",
        fix="the traffic police fined the illegally parked vehicles"
        "|the owner was contacted and moved the car"
        "|no-parking signs were added and patrols increased",
    ),
    "public-transport": P(
        title="bus too infrequent|bus does not stop|metro exit closed|rude bus driver"
        "|no shelter at bus stop",
        what="bus {bus} did not come for forty minutes"
        "|bus {bus} often drives past the stop without stopping|the bus driver brakes very hard"
        "|metro exit {n} has been closed for weeks|the bus stop has no shelter"
        "|the last bus now leaves earlier than before",
        detail="The stop is on {road}|The bus is so full we cannot get on"
        "|Many elderly people wait there|The electronic board shows the wrong times",
        impact="I am often late for work|My children have to take a taxi to school"
        "|My commute takes an extra hour",
        ask="Please add more buses|Please train the drivers better|Please bring back the old route",
        fix="the bus company has reminded the driver and reinforced checks"
        "|the peak-hour frequency has been increased|a shelter is planned for the stop",
    ),
    "noise": P(
        title="noise nuisance|loud music from a shop|square dancing noise|noisy air conditioner"
        "|bar noise at night",
        what="the shop downstairs plays loud music all day|the square dancing music is very loud"
        "|the bar plays music until late at night|an air conditioner unit hums all night"
        "|the supermarket unloads trucks noisily at night|a restaurant extractor fan is very noisy",
        detail="It goes on until after {hour} pm|It starts at {early} am"
        "|We can hear it with the windows shut|I spoke to the owner several times",
        impact="My baby keeps waking up|I work night shifts and cannot sleep during the day"
        "|My kids cannot do their homework",
        ask="Please measure the noise|Please ask the business to stop"
        "|Please do something, we cannot take it any more",
        fix="inspectors measured the noise and ordered the shop to reduce it"
        "|the organisers agreed to lower the volume and change the hours",
    ),
    "air-pollution": P(
        title="cooking fumes|bad smell|barbecue smoke|burning rubbish|chemical odour",
        what="cooking fumes from the restaurant go straight into our windows"
        "|the barbecue stall makes a lot of smoke|someone is burning rubbish in the green belt"
        "|there is a strong chemical smell in the area|the dry cleaner gives off a strong smell",
        detail="The exhaust pipe is right under our {floor}th floor window"
        "|It is worst at dinner time|Our laundry smells of smoke",
        impact="We cannot open the windows|My father has asthma|My child keeps coughing",
        ask="Please check the emissions|Please make them install a filter|Please stop the burning",
        fix="inspectors ordered the restaurant to clean and maintain its fume filter"
        "|the open burning was stopped",
    ),
    "construction-site": P(
        title="construction at night|construction dust|muck trucks spilling soil"
        "|construction fence broken",
        what="the construction site works late at night"
        "|there is pile driving in the middle of the night"
        "|the site is very dusty and nobody waters it|muck trucks drop soil all along the road"
        "|part of the site fence has fallen down|mud from the site flows onto the road",
        detail="They were pouring concrete at {hour} pm|The sign says {company}"
        "|It is less than {nn} metres from our building",
        impact="We cannot sleep at all|Our floors are covered in dust|My bike got covered in mud",
        ask="Please check if they have a night-work permit|Please make them control the dust",
        fix="the contractor was ordered to stop night work without a permit"
        "|the site now waters the ground and washes truck wheels",
    ),
    "water-supply": P(
        title="no water|low water pressure|yellow tap water|burst water pipe"
        "|water cut without notice",
        what="we have no water at home|the water pressure is very low|the tap water is yellow"
        "|a water pipe has burst in the street|the tap water smells strange"
        "|the water was cut without any notice",
        detail="We live on the {floor}th floor|The neighbours have the same problem"
        "|The property manager says it is not their problem",
        impact="We cannot cook or shower|We do not dare to drink it",
        ask="Please restore the water supply|Please test the water quality"
        "|When will the water come back?",
        fix="the water company repaired the pipe and the supply is back"
        "|the water was tested and meets all standards",
    ),
    "drainage": P(
        title="flooded street|blocked drain|sewage overflow|water coming into the building",
        what="the crossing floods every time it rains|the drain is blocked"
        "|rain water is flowing into our stairwell|sewage is coming out of a manhole"
        "|the underground car park is flooded",
        detail="The water reaches our calves|It does not drain away for hours|It smells terrible",
        impact="The ground floor flats are flooded|People have to wade through the water",
        ask="Please unblock the drain|Please pump the water out",
        fix="the drainage team has cleared the blocked pipe|pumps were sent to remove the water",
    ),
    "gas": P(
        title="smell of gas|gas leak|no gas supply|gas meter problem",
        what="there is a strong smell of gas in the stairwell"
        "|I think there is a gas leak in my kitchen|the gas supply has been cut"
        "|the gas meter runs very fast|someone came to check the gas and it felt like a scam",
        detail="I have closed the valve|The windows are open|The pipes are very old",
        impact="We are afraid of an explosion|We cannot cook",
        ask="Please send someone immediately|Please check if the inspector was genuine",
        fix="the gas emergency team fixed the leak"
        "|the gas supply was restored after a safety check",
    ),
    "property-management": P(
        title="lift out of order|property manager does nothing|parking fees|entrance gate broken"
        "|person stuck in lift",
        what="the lift is broken again"
        "|someone was stuck in the lift and the property manager took ages"
        "|the property manager ignores all our complaints"
        "|the property company charges unfair parking fees"
        "|the entrance gate has been broken for weeks"
        "|the roof leaks and the property manager will not fix it",
        detail="It is the lift of building {building}|It broke down {n} times this year"
        "|We pay our fees every year|The company is {company}",
        impact="Elderly residents have to climb the stairs|Anyone can walk into the compound",
        ask="Please make the property manager act|Please check whether the fees are legal",
        fix="the housing office met the property company and set a deadline"
        "|the lift was repaired and inspected",
    ),
    "fire-hazard": P(
        title="e-bikes charging in the corridor|fire exit blocked|fire extinguishers expired"
        "|emergency exit locked",
        what="people charge e-bikes in the corridor|the stairwell is full of junk"
        "|a cable hangs from a window to charge a scooter|the fire exit is blocked"
        "|the fire extinguishers have expired|the emergency exit of the mall is locked",
        detail="It is on the {floor}th floor stairwell|They charge every night"
        "|There is an old sofa on the landing",
        impact="If there is a fire nobody can get out|Everyone is worried",
        ask="Please send the fire brigade to inspect|Please clear the corridor",
        fix="the fire station inspected the building and had the corridor cleared"
        "|the extinguishers were replaced",
    ),
    "neighbourhood-dispute": P(
        title="leak from upstairs|neighbour blocks the corridor|dispute with neighbours"
        "|neighbour renovation",
        what="water leaks from the flat upstairs into mine"
        "|my neighbour uses the shared corridor as storage"
        "|the neighbour installed an iron gate in the shared hallway"
        "|the people upstairs stomp around at midnight"
        "|my neighbour's air conditioner drips onto my balcony",
        detail="We talked to them several times|The property manager says it is a private matter"
        "|It has been {months} months",
        impact="The ceiling is mouldy|We argue every day",
        ask="Could the residents' committee mediate?|Please help us find a solution",
        fix="the community worker visited and both sides reached an agreement"
        "|the residents' committee had the corridor cleared",
    ),
    "elderly-help": P(
        title="meals for an elderly person|elderly person living alone|home care"
        "|handrail installation",
        what="my mother cannot walk well and needs meal delivery"
        "|an elderly neighbour living alone has not come out for days"
        "|I want to apply for home care for my father"
        "|we would like handrails installed in the stairwell"
        "|my grandfather needs an emergency call button",
        detail="She is {age} years old|Her children live abroad"
        "|He lives alone on the {floor}th floor",
        impact="We are worried something will happen|We cannot look after him every day",
        ask="Could the community check on her?|Please tell us how to apply",
        fix="the community worker visited and registered the meal request"
        "|the care centre will send a carer to the home",
    ),
    "compound-sanitation": P(
        title="rubbish piling up|rubbish not sorted|smelly bin room|rats in the compound",
        what="the bins in our compound are overflowing|rubbish is piled up next to the bin room"
        "|renovation waste has been dumped in the garden|there are many rats in the compound"
        "|the stairwell has not been cleaned for weeks",
        detail="It smells terrible in the heat|The bin room is next to building {building}"
        "|It has not been collected for {days} days",
        impact="Children play right next to it|It attracts flies",
        ask="Please ask the property manager to clean up|Please collect the rubbish more often",
        fix="the community had the property manager clear the rubbish|pest control was arranged",
    ),
    "pets-animals": P(
        title="dog without a leash|stray dog|barking dog|dog mess",
        what="people walk their dogs without a leash|a stray dog bit someone at the gate"
        "|my neighbour's dog barks all night|the lawn is covered in dog mess"
        "|someone keeps a very large dangerous dog",
        detail="The dog has no muzzle|It was a child who got bitten|It has happened {n} times",
        impact="The children are afraid to play outside|We cannot sleep",
        ask="Please send the police|Please check if the dog is registered",
        fix="the police visited the owner and asked them to register the dog"
        "|the stray dog was taken to a shelter",
    ),
    "food-safety": P(
        title="expired food|dirty restaurant|food poisoning from takeaway|hair in food",
        what="I bought expired milk at {shop}|I found a hair in my food at {shop}"
        "|the whole family had diarrhoea after a takeaway|the restaurant kitchen looks filthy"
        "|a supermarket relabels expired bread",
        detail="I kept the receipt|The production date was {months} months ago|I have photos",
        impact="My child was sick all night|Others may eat it too",
        ask="Please inspect the shop|I want compensation",
        fix="inspectors checked the shop, removed expired products and opened a case"
        "|the restaurant was ordered to clean its kitchen",
    ),
    "consumer-dispute": P(
        title="prepaid card refund|shop refuses refund|gym closed down|misleading advertising",
        what="{shop} suddenly closed and my prepaid card cannot be refunded"
        "|the shop refuses to refund me"
        "|the appliance I bought broke and the shop will not repair it"
        "|the renovation company took my money and never started"
        "|the training school promised refunds and now refuses",
        detail="There is still {money} yuan on the card"
        "|The contract says seven days no-questions return"
        "|Dozens of people are in the same situation",
        impact="That money was my savings|I feel cheated",
        ask="Please help me get my money back|Please mediate with the shop",
        fix="the shop agreed to refund the balance after mediation"
        "|a case for misleading advertising was opened",
    ),
    "medicines": P(
        title="fake medicine|antibiotics without prescription|overpriced medicine"
        "|misleading health products",
        what="the pharmacy sells antibiotics without a prescription"
        "|the medicine I bought looks fake|the pharmacy sells expired medicine"
        "|someone sells health products to old people claiming they cure disease",
        detail="The batch number cannot be found|One box costs {money} yuan",
        impact="I am worried about side effects|Old people are being cheated",
        ask="Please check the pharmacy|Please verify whether the medicine is genuine",
        fix="drug inspectors checked the pharmacy and ordered corrections"
        "|samples were sent for testing",
    ),
    "tourism-culture": P(
        title="forced shopping on a tour|concert refund|minors in an internet café"
        "|unclear ticket prices",
        what="the tour agency forced us to go shopping"
        "|the concert was cancelled and there is no refund|the internet café lets minors in"
        "|the museum booking system never has places",
        detail="The agency is {company}|We paid {money} yuan",
        impact="The trip was ruined|We want our money back",
        ask="Please look into the agency|Please help with the refund",
        fix="the agency was ordered to refund the fees|the internet café was fined",
    ),
    "wage-arrears": P(
        title="unpaid wages|salary not paid|overtime not paid|final pay withheld",
        what="my company has not paid my salary for {months} months"
        "|the site boss owes us workers our wages"
        "|the company refuses to pay my final salary after I left|the company never pays overtime"
        "|the boss disappeared and nobody pays the wages",
        detail="They owe me {money} yuan|There are {nn} of us|The company is {company}",
        impact="I cannot pay my rent|I cannot pay my children's school fees",
        ask="Please help us get paid|Where can I apply for arbitration?",
        fix="the labour inspectorate met the employer and the wages were paid"
        "|the worker was guided through labour arbitration",
    ),
    "social-insurance": P(
        title="pension payment|social insurance contributions|retirement procedure"
        "|transfer of social insurance",
        what="I want to know how to apply for retirement"
        "|my social insurance transfer from another city is stuck"
        "|my employer does not pay my social insurance|my pension did not arrive this month"
        "|how can freelancers pay social insurance",
        detail="I have worked for {years} years|I paid {n} years in another province",
        impact="I am worried about my pension|I went there several times for nothing",
        ask="Please tell me the procedure|Which documents do I need?",
        fix="the procedure and the documents were explained by phone"
        "|the missing pension has been paid",
    ),
    "medical-insurance": P(
        title="medical insurance reimbursement|medical card not working|treatment in another city",
        what="how do I get reimbursed for a hospital stay in another city"
        "|my medical insurance card does not work at the pharmacy"
        "|I need to register for treatment in another city"
        "|the hospital says this drug is not covered",
        detail="The hospital bill was {money} yuan|The card was issued {n} years ago",
        impact="The costs are too high for us|My father needs treatment soon",
        ask="Please explain the reimbursement process|Please check my card",
        fix="the online registration for treatment elsewhere was explained"
        "|the card status was corrected",
    ),
    "health-services": P(
        title="cannot book a doctor|rude doctor|long waiting time at hospital"
        "|wrong hospital charges",
        what="it is impossible to book an appointment at the hospital"
        "|the doctor saw me for less than two minutes|I waited {n} hours at the hospital"
        "|the hospital charged me twice for a test"
        "|the community clinic never has vaccine appointments",
        detail="It is the hospital near {landmark}|My child had a fever of {fever} degrees",
        impact="Sick people suffer waiting|It is exhausting for my parents",
        ask="Please look into this hospital|Please refund the extra charge",
        fix="the health commission asked the hospital to investigate and apologise"
        "|the extra charge has been refunded",
    ),
    "education": P(
        title="school enrolment|school catchment area|tutoring centre refund|after-school care",
        what="my child starts primary school next year and I have questions about enrolment"
        "|the school catchment area for our compound has changed"
        "|the tutoring centre took a year of fees and may close"
        "|the after-school care ends too early|the school makes parents buy extra workbooks",
        detail="We are registered in {district}|We paid {money} yuan|My child is in grade {n}",
        impact="Both parents work and cannot pick the children up|Parents are very anxious",
        ask="Please tell me the rules|Please ask the school to change this",
        fix="the education bureau explained the enrolment dates and documents"
        "|the tutoring centre was inspected and told to refund",
    ),
    "housing-fund": P(
        title="housing fund withdrawal|housing fund loan|housing fund contributions"
        "|housing fund transfer",
        what="can I withdraw my housing fund to pay rent"
        "|how is the housing fund loan limit calculated"
        "|my employer does not pay into my housing fund"
        "|how do I transfer my housing fund from another city",
        detail="I pay {money} yuan a month|I have contributed for {n} years",
        impact="I need the money for a down payment|Rent is a big burden",
        ask="Please tell me the procedure|Can I do it online?",
        fix="the online withdrawal procedure for renters was explained"
        "|the employer was told to pay the missing contributions",
    ),
    "business-policy": P(
        title="business subsidies|rent relief for small firms|R&D tax deduction"
        "|policy for new stores",
        what="can our company apply for the job retention subsidy"
        "|is there rent relief for small businesses|we want to apply for the specialised SME status"
        "|how does the R&D expense deduction work"
        "|are there subsidies for a brand's first store in the city",
        detail="Our company is {company}|We have {nn} employees|We are registered in {district}",
        impact="Business is very hard at the moment|The policy texts are hard to understand",
        ask="Could a policy adviser explain it to us?|Please tell us how to apply",
        fix="a policy adviser called the company and explained the applicable measures"
        "|the company was helped to file its subsidy application",
    ),
    "business-financing": P(
        title="loan for a small business|financing difficulties|guaranteed loan"
        "|investor matchmaking",
        what="our company needs a working capital loan"
        "|banks keep refusing loans to small firms like ours"
        "|we want to know how government loan guarantees work|the bank wants its loan back early"
        "|we would like to meet angel investors",
        detail="We need about {money} thousand yuan|The company is {company}|We hold {nn} patents",
        impact="Cash flow is very tight|We may not pay salaries next month",
        ask="Please put us in touch with a bank|Please recommend suitable financing",
        fix="the company was introduced to partner banks and the guarantee fund"
        "|the company was invited to the next financing matchmaking day",
    ),
    "business-legal": P(
        title="contract dispute|trademark squatting|labour dispute with an employee|lease dispute",
        what="we have a contract dispute with a supplier|someone registered our trademark first"
        "|a former employee wants to sue the company|the landlord wants the shop back early"
        "|a customer does not pay his invoices",
        detail="The amount is {money} yuan|The contract was signed {n} years ago",
        impact="It disrupts our business|We do not know which procedure to follow",
        ask="Could a lawyer advise us?|Can you help mediate?",
        fix="a pro bono lawyer advised the company"
        "|the dispute was referred to commercial mediation",
    ),
}
