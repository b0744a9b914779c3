/** Default statements for the maturity self-assessment: six pillars, four levels each. */
import type { MaturityLevelStatements } from './types.js';

export const MATURITY_STATEMENTS: readonly MaturityLevelStatements[] = [
  {
    pillar: 'workforce',
    levels: [
      [
        'We know how many of our directly employed staff are paid below the Real Living Wage.',
        'We can say how many of our staff live in each local authority district.',
        'We offer some apprenticeships, but not as part of a plan for local recruitment.',
      ],
      [
        'We have a plan and a date to pay all directly employed staff at least the Real Living Wage.',
        'We measure how many staff and new starters live locally and in the most deprived areas.',
        'We run at least one route into work aimed at people who face barriers, such as care leavers.',
      ],
      [
        'All directly employed staff are paid at least the Real Living Wage, and we track contractors’ pay.',
        'We set targets for local recruitment and report progress to our board every year.',
        'Our routes into work are designed with local employment services and community groups.',
        'Managers are trained to recruit inclusively, and we remove barriers in our recruitment process.',
      ],
      [
        'We are an accredited Living Wage employer and require the Real Living Wage in all relevant contracts.',
        'Recruitment from our most deprived neighbourhoods is rising year on year against our targets.',
        'We share our approach and jointly recruit with other anchors in the partnership.',
      ],
    ],
  },
  {
    pillar: 'procurement',
    levels: [
      [
        'We can report our total spend with suppliers from our ledger.',
        'We hold postcodes for our largest suppliers.',
        'Social value is considered in some tenders, without a set weighting.',
      ],
      [
        'We know the share of our spend that goes to local suppliers, SMEs and VCSE organisations.',
        'We hold postcodes for most of our spend and are filling the gaps, largest suppliers first.',
        'Social value carries at least 10% of the marks in our larger tenders.',
      ],
      [
        'We have targets for local, SME and VCSE spend, and we report against them every quarter.',
        'Social value weighting of at least 10% is standard, and we track what suppliers deliver.',
        'We break contracts into lots and hold supplier events so that local firms can bid.',
        'We have surveyed our main local suppliers to estimate our Local Multiplier 3.',
      ],
      [
        'Local and VCSE spend is rising against our targets, and we can show what it did for the area.',
        'Suppliers report delivery of their commitments, and we act when they fall short.',
        'We plan procurement with other anchors to grow local supply chains together.',
      ],
    ],
  },
  {
    pillar: 'infrastructure',
    levels: [
      [
        'We know which of our buildings and land community groups sometimes use.',
        'We have a list of land and buildings that may become surplus.',
        'We have let community groups use some of our rooms or grounds when they asked.',
      ],
      [
        'We record community use of our estate and publicise spaces groups can book.',
        'Our estates strategy says how surplus land could be used for housing or community benefit.',
        'We know how much of our capital spend goes to local contractors.',
      ],
      [
        'Community groups can book our spaces free or at reduced rates through a simple process.',
        'We work with councils to release land for affordable homes and community use.',
        'Our capital contracts include local labour and supply chain commitments, and we track them.',
      ],
      [
        'Our estate is planned with other anchors and residents as a shared community asset.',
        'Land we released has become homes and community facilities, and we report the results.',
        'Most of our capital spend goes to local contractors, with apprenticeships on every major scheme.',
      ],
    ],
  },
  {
    pillar: 'environment',
    levels: [
      [
        'We know how much electricity, gas and other fuel we use each year from our bills.',
        'We have a named lead for sustainability.',
        'We have started to record our waste, water use and business travel.',
      ],
      [
        'We calculate our scope 1 and 2 emissions every year with the government conversion factors.',
        'We have a board-approved green plan with a net zero date.',
        'We measure our waste by route and our renewable electricity.',
      ],
      [
        'Our scope 1 and 2 emissions are falling on a trajectory to our net zero date.',
        'We measure the main parts of our scope 3 footprint, including travel and our supply chain.',
        'We have cut high-carbon practices, such as the use of desflurane, where they apply.',
        'Our staff and suppliers know our targets and help to meet them.',
      ],
      [
        'We are ahead of the NHS and national net zero trajectories and publish our progress.',
        'We require carbon reduction plans from our suppliers and use them in contract decisions.',
        'We share our expertise and resources with other anchors and the community.',
      ],
    ],
  },
  {
    pillar: 'partners',
    levels: [
      [
        'We know the other anchor institutions in our area and meet them occasionally.',
        'We work with voluntary and community organisations on individual projects.',
        'Our board has discussed what being an anchor institution means for us.',
      ],
      [
        'We take part in an anchor partnership and have agreed shared priorities.',
        'We run at least one joint initiative with another anchor.',
        'We involve VCSE organisations in planning, not only in delivering, services.',
      ],
      [
        'We pool money or staff with other anchors on initiatives that serve shared priorities.',
        'VCSE organisations are equal partners in our initiatives, with fair funding for their time.',
        'We measure what our joint initiatives achieve and report it together.',
      ],
      [
        'Anchor collaboration is how we do things: joint recruitment, procurement and estates planning.',
        'We hold each other to account for the charter in public.',
        'The VCSE sector shapes the partnership’s priorities and shares in its decisions.',
      ],
    ],
  },
  {
    pillar: 'community',
    levels: [
      [
        'We inform residents about what we do through our usual communications.',
        'Some staff volunteer in the community on their own initiative.',
        'We publish how residents can contact us, raise concerns and get involved.',
      ],
      [
        'We hold engagement activities and record who takes part.',
        'We offer staff volunteering leave and record the hours used.',
        'We give some grants or donations to local VCSE organisations.',
      ],
      [
        'Residents, especially from our most deprived areas, help shape our charter and priorities.',
        'We answer every priority residents raise, in public, and say what we did about it.',
        'Volunteering and grants are planned around the priorities residents set.',
      ],
      [
        'Residents hold us to account through open meetings and the public dashboard.',
        'Community groups co-design and co-deliver our work with us.',
        'We can show changes we made because residents asked for them.',
      ],
    ],
  },
];
