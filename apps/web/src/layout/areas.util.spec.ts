import { areaOfPath, areasFor } from './areas.util';

describe('areas by role', () => {
  const keys = (roles: string[]) => areasFor(roles).map((a) => a.key);

  it("gives officers the inbox, leaders the inbox, the unit's follow-up and statistics", () => {
    expect(keys(['officer'])).toEqual(['inbox']);
    expect(keys(['leader'])).toEqual(['inbox', 'leader', 'statistics']);
  });

  it('gives reception the desk, designers and publishers the designer, admins the administration', () => {
    expect(keys(['reception'])).toEqual(['desk']);
    expect(keys(['designer'])).toEqual(['designer']);
    // the province's office (publishers) also reads the statistics of every unit
    expect(keys(['publisher', 'designer'])).toEqual(['designer', 'statistics']);
    expect(keys(['admin'])).toEqual(['admin']);
    expect(keys([])).toEqual([]);
  });

  it('finds the area of a path and of the paths below it', () => {
    expect(areaOfPath('/hop-viec')?.key).toBe('inbox');
    expect(areaOfPath('/lanh-dao')?.key).toBe('leader');
    expect(areaOfPath('/thiet-ke/tach-thua-dat')?.key).toBe('designer');
    expect(areaOfPath('/hop-viec-cu')).toBeUndefined();
  });
});
