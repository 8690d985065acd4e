// The body map of the charting form. A click on a muscle marks a trigger point in the third
// (upper, middle, lower) and half (medial, lateral) of the muscle that was clicked, drawn at that
// zone's centre, which is the precision the record keeps. Every marked point is a row of the form
// below the drawing (severity, treated, remove); the selects under the list add a point from the
// keyboard. Last session's findings, from data-previous, are drawn as rings on the back view.
(() => {
  const SVG = 'http://www.w3.org/2000/svg';

  function zone(box, local) {
    const third = (local.y - box.y) / box.height;
    const vertical = third < 1 / 3 ? 'upper' : third < 2 / 3 ? 'middle' : 'lower';
    // in every leg's own drawing the medial side is towards +x (the mirrored legs are drawn flipped)
    const horizontal = local.x >= box.x + box.width / 2 ? 'medial' : 'lateral';
    return vertical + '-' + horizontal;
  }

  function centre(box, region) {
    const [vertical, horizontal] = region.split('-');
    const y = { upper: 0.18, middle: 0.5, lower: 0.82 }[vertical] ?? 0.5;
    const x = horizontal === 'medial' ? 0.72 : 0.28;
    return { x: box.x + box.width * x, y: box.y + box.height * y };
  }

  function muscleIn(map, side, view, muscle) {
    return map.querySelector(`g.leg[data-side="${side}"][data-view="${view}"] path.muscle[data-muscle="${muscle}"]`);
  }

  function marker(path, region, className, label) {
    const group = path.parentNode;
    const at = centre(path.getBBox(), region);
    const mark = document.createElementNS(SVG, 'g');
    mark.setAttribute('class', 'marker ' + className);
    const circle = document.createElementNS(SVG, 'circle');
    circle.setAttribute('cx', at.x);
    circle.setAttribute('cy', at.y);
    circle.setAttribute('r', 7);
    mark.appendChild(circle);
    if (label) {
      const text = document.createElementNS(SVG, 'text');
      text.setAttribute('x', at.x);
      text.setAttribute('y', at.y + 3.5);
      // a mirrored leg would mirror the number too: flip it back
      if (group.getAttribute('transform') && group.getAttribute('transform').includes('scale(-1')) {
        text.setAttribute('transform', `translate(${2 * at.x} 0) scale(-1 1)`);
      }
      text.textContent = label;
      mark.appendChild(text);
    }
    group.appendChild(mark);
    return mark;
  }

  function setUp(form) {
    const map = form.querySelector('.body-map');
    const list = form.querySelector('#points');
    const template = form.querySelector('#point-template');
    if (!map || !list || !template) {
      return;
    }
    const names = JSON.parse(form.querySelector('#point-names').textContent);
    let points = [];

    function render() {
      map.querySelectorAll('.marker.current').forEach((m) => m.remove());
      list.replaceChildren();
      points.forEach((point, index) => {
        const path = muscleIn(map, point.side, point.view, point.muscle) || muscleIn(map, point.side, 'back', point.muscle);
        if (path) {
          marker(path, point.region, 'current', String(index + 1));
        }
        const row = template.content.firstElementChild.cloneNode(true);
        row.querySelector('.point-number').textContent = String(index + 1);
        row.querySelector('.point-name').textContent = [names.muscles[point.muscle] || point.muscle,
          names.sides[point.side] || point.side, names.regions[point.region] || point.region].join(', ');
        row.querySelector('input[name="muscle"]').value = point.muscle;
        row.querySelector('input[name="side"]').value = point.side;
        row.querySelector('input[name="region"]').value = point.region;
        const severity = row.querySelector('select[name="severity"]');
        severity.value = point.severity;
        severity.id = 'severity-' + index;
        row.querySelector('label.severity').htmlFor = severity.id;
        severity.addEventListener('change', () => { point.severity = severity.value; });
        const treated = row.querySelector('input[name="treated"]');
        treated.value = String(index);
        treated.checked = point.treated;
        treated.id = 'treated-' + index;
        row.querySelector('label.treated').htmlFor = treated.id;
        treated.addEventListener('change', () => { point.treated = treated.checked; });
        const remove = row.querySelector('button.remove');
        // the visible word alone would leave a screen reader with a list of identical "Remove" buttons
        remove.setAttribute('aria-label', remove.textContent + ' ' + (index + 1) + ': '
          + row.querySelector('.point-name').textContent);
        remove.addEventListener('click', () => {
          points.splice(index, 1);
          render();
          form.querySelector('#add-point-muscle').focus();
        });
        list.appendChild(row);
      });
      form.querySelector('#points-empty').hidden = points.length > 0;
      form.querySelector('#points-status').textContent = names.count.replace('{0}', String(points.length));
    }

    function add(point) {
      if (points.length >= 30) {
        return;
      }
      points.push(Object.assign({ severity: 'MODERATE', treated: true }, point));
      render();
    }

    map.querySelectorAll('path.muscle').forEach((path) => {
      path.addEventListener('click', (event) => {
        const group = path.parentNode;
        const svg = path.ownerSVGElement;
        const screen = svg.createSVGPoint();
        screen.x = event.clientX;
        screen.y = event.clientY;
        const local = screen.matrixTransform(group.getScreenCTM().inverse());
        add({ muscle: path.dataset.muscle, side: group.dataset.side, view: group.dataset.view,
          region: zone(path.getBBox(), local) });
      });
    });

    form.querySelector('#add-point').addEventListener('click', () => {
      add({ muscle: form.querySelector('#add-point-muscle').value, side: form.querySelector('#add-point-side').value,
        view: 'back', region: form.querySelector('#add-point-region').value });
    });

    JSON.parse(map.dataset.previous || '[]').forEach((finding) => {
      const path = muscleIn(map, finding.site.side, 'back', finding.site.muscle);
      if (path && finding.site.region) {
        marker(path, finding.site.region, 'previous', null);
      }
    });
    render();
  }

  document.addEventListener('DOMContentLoaded', () => {
    document.querySelectorAll('form.charting').forEach(setUp);
  });
})();
